using System.Security.Claims;
using Engine.Core.Caching;
using Engine.Core.Common;
using Engine.Web.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;

namespace Engine.Web.Tests.Accounts;

/// <summary>A sign-in cookie is decrypted once a minute at most, and every request still gets a ticket of its own.</summary>
public class KeptSignInTicketsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
    private readonly CountingFormat _cookies = new(new TicketDataFormat(new EphemeralDataProtectionProvider().CreateProtector("test")));
    private readonly KeptSignInTickets _kept;

    public KeptSignInTicketsTests() => _kept = new KeptSignInTickets(_cookies, new EngineCache(new DataVersions(), _clock));

    private static AuthenticationTicket Ticket(string name) => new(
        new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, "member")], "Cookies")),
        new AuthenticationProperties { ExpiresUtc = new DateTimeOffset(2026, 12, 20, 0, 0, 0, TimeSpan.Zero) }, "Cookies");

    [Fact]
    public void The_same_cookie_is_decrypted_once_and_read_the_same_every_time()
    {
        var cookie = _kept.Protect(Ticket("Sam"));
        for (var i = 0; i < 3; i++)
        {
            var ticket = _kept.Unprotect(cookie)!;
            ticket.Principal.Identity!.Name.Should().Be("Sam");
            ticket.Principal.IsInRole("member").Should().BeTrue();
            ticket.Properties.ExpiresUtc.Should().Be(new DateTimeOffset(2026, 12, 20, 0, 0, 0, TimeSpan.Zero));
        }
        _cookies.Decrypted.Should().Be(1);
    }

    [Fact]
    public void Each_request_gets_a_copy_it_may_change()
    {
        var cookie = _kept.Protect(Ticket("Sam"));
        var first = _kept.Unprotect(cookie)!;
        ((ClaimsIdentity)first.Principal.Identity!).AddClaim(new Claim(ClaimTypes.Role, "admin"));
        first.Properties.ExpiresUtc = DateTimeOffset.MaxValue;

        var second = _kept.Unprotect(cookie)!;
        second.Principal.IsInRole("admin").Should().BeFalse("one request's change must not reach the next");
        second.Properties.ExpiresUtc.Should().Be(new DateTimeOffset(2026, 12, 20, 0, 0, 0, TimeSpan.Zero));
        second.Principal.Should().NotBeSameAs(first.Principal);
    }

    [Fact]
    public void A_cookie_that_does_not_decrypt_is_refused_every_time_and_never_kept()
    {
        var cookie = _kept.Protect(Ticket("Sam"));
        var tampered = cookie[..^4] + (cookie[^4] == 'A' ? "BBBB" : "AAAA");
        _kept.Unprotect(tampered).Should().BeNull();
        _kept.Unprotect(tampered).Should().BeNull();
        _cookies.Decrypted.Should().Be(2, "a refused cookie is tried again, not remembered");
    }

    [Fact]
    public void A_kept_ticket_is_read_again_after_a_minute()
    {
        var cookie = _kept.Protect(Ticket("Sam"));
        _kept.Unprotect(cookie);
        _clock.Advance(TimeSpan.FromSeconds(59));
        _kept.Unprotect(cookie);
        _cookies.Decrypted.Should().Be(1);
        _clock.Advance(TimeSpan.FromSeconds(2));
        _kept.Unprotect(cookie)!.Principal.Identity!.Name.Should().Be("Sam");
        _cookies.Decrypted.Should().Be(2);
    }

    [Fact]
    public void Two_cookies_are_two_tickets()
    {
        var sam = _kept.Protect(Ticket("Sam"));
        var ali = _kept.Protect(Ticket("Ali"));
        _kept.Unprotect(sam)!.Principal.Identity!.Name.Should().Be("Sam");
        _kept.Unprotect(ali)!.Principal.Identity!.Name.Should().Be("Ali");
        _kept.Unprotect(sam)!.Principal.Identity!.Name.Should().Be("Sam");
    }

    private sealed class CountingFormat(ISecureDataFormat<AuthenticationTicket> inner) : ISecureDataFormat<AuthenticationTicket>
    {
        public int Decrypted;
        public string Protect(AuthenticationTicket data) => inner.Protect(data);
        public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);
        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);
        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Decrypted++;
            return inner.Unprotect(protectedText, purpose);
        }
    }
}
