using System.Text;
using Engine.Core.Email;
using Engine.Core.Tenancy;

namespace Engine.Core.Tests.Email;

public class EmailRulesTests
{
    [Theory]
    [InlineData(EmailKind.Reply)]
    [InlineData(EmailKind.StatusChange)]
    [InlineData(EmailKind.OfficialResponse)]
    [InlineData(EmailKind.AdminUpdate)]
    [InlineData(EmailKind.Digest)]
    public void Unsubscribing_from_one_kind_turns_off_that_kind_only(EmailKind kind)
    {
        var after = EmailPreferences.Default.Without(kind);
        after.Allows(kind).Should().BeFalse();
        foreach (var other in Enum.GetValues<EmailKind>().Where(k => k != kind))
            after.Allows(other).Should().BeTrue($"{other} was not unsubscribed from");
    }

    [Fact]
    public void An_account_emails_unsubscribe_turns_off_every_optional_kind_but_never_the_account_emails()
    {
        var after = EmailPreferences.Default.Without(null);
        after.Should().Be(EmailPreferences.Nothing);
        after.Allows(EmailKind.ResetPassword).Should().BeTrue();
        after.Allows(EmailKind.ConfirmEmail).Should().BeTrue();
    }

    [Fact]
    public void Only_a_confirmed_member_who_is_not_blocked_gets_more_than_account_emails()
    {
        var unconfirmed = new Recipient(1, "a@example.nhs.uk", "A", Confirmed: false, Blocked: false, EmailPreferences.Default);
        unconfirmed.Wants(EmailKind.Reply).Should().BeFalse();
        unconfirmed.Wants(EmailKind.ConfirmEmail).Should().BeTrue();
        (unconfirmed with { Confirmed = true }).Wants(EmailKind.Reply).Should().BeTrue();
        (unconfirmed with { Confirmed = true, Blocked = true }).Wants(EmailKind.Reply).Should().BeFalse();
    }

    [Fact]
    public void A_digest_falls_due_a_whole_period_after_the_last_and_never_before_the_first_is_started()
    {
        var last = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
        DigestSchedule.IsDue(DigestFrequency.Daily, null, last).Should().BeFalse("the clock starts when the sender first sees the member");
        DigestSchedule.IsDue(DigestFrequency.Daily, last, last.AddHours(23)).Should().BeFalse();
        DigestSchedule.IsDue(DigestFrequency.Daily, last, last.AddHours(24)).Should().BeTrue();
        DigestSchedule.IsDue(DigestFrequency.Weekly, last, last.AddDays(6.9)).Should().BeFalse();
        DigestSchedule.IsDue(DigestFrequency.Weekly, last, last.AddDays(7)).Should().BeTrue();
        DigestSchedule.IsDue(DigestFrequency.None, last, last.AddDays(70)).Should().BeFalse();
        DigestSchedule.Window(last, last.AddDays(1)).Should().Be((last, last.AddDays(1)));
    }

    [Fact]
    public void Long_text_is_quoted_and_cut_short()
    {
        var quoted = EmailContents.Quote(new string('a', 2000));
        quoted.Length.Should().BeLessThan(EmailContents.QuoteMax + 10);
        quoted.Should().StartWith("> ").And.EndWith("…");
    }

    [Theory]
    [InlineData("\"from\": \"not an address\"", "email.from")]
    [InlineData("\"from\": \"a@b.nhs.uk, c@d.nhs.uk\"", "email.from")]
    [InlineData("\"from\": \"North <ideas@north.nhs.uk>\", \"replyTo\": \"team at north\"", "email.replyTo")]
    public void A_bad_sender_in_tenant_json_is_reported_with_its_field_and_line(string email, string field)
    {
        var json = $$"""
            {
              "id": "north",
              "name": "North ideas",
              "hosts": ["north.localhost"],
              "email": { {{email}} }
            }
            """;
        var (tenant, problem) = TenantFile.Parse("north", "tenants/north/tenant.json", Encoding.UTF8.GetBytes(json), "/tmp/north");
        tenant.Should().BeNull();
        problem!.Message.Should().StartWith($"{field}:");
        problem.Line.Should().Be(5);
    }

    [Fact]
    public void A_sender_and_reply_to_in_tenant_json_are_read()
    {
        var json = """{ "id": "north", "name": "N", "hosts": ["north.localhost"], "email": { "from": "North ideas <ideas@north.nhs.uk>", "replyTo": "team@north.nhs.uk" } }""";
        var (tenant, problem) = TenantFile.Parse("north", "tenants/north/tenant.json", Encoding.UTF8.GetBytes(json), "/tmp/north");
        problem.Should().BeNull();
        tenant!.Email.From.Should().Be("North ideas <ideas@north.nhs.uk>");
        tenant.Email.ReplyTo.Should().Be("team@north.nhs.uk");
    }
}
