using System.Net.Mail;
using System.Security.Cryptography;
using Engine.Core.Email;
using Engine.Core.Tenancy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Engine.Web.Email;

/// <summary>
/// Addresses in emails, and the one-click unsubscribe tokens: a member id and a kind, encrypted and signed with
/// Data Protection under a purpose that includes the tenant, so a token cannot be guessed, altered, or used on
/// another site. They do not expire: an unsubscribe link in an old email must still work.
/// </summary>
public sealed class EmailLinks(IDataProtectionProvider protection, IOptionsMonitor<EmailOptions> options) : IEmailLinks
{
    private const string All = "all";

    public string Site(TenantDefinition tenant)
    {
        var o = options.CurrentValue;
        var host = tenant.Hosts.Count > 0 ? tenant.Hosts[0] : "localhost";
        return $"{o.LinkScheme}://{host}{(o.LinkPort is { } port ? $":{port}" : "")}{tenant.PathPrefix}";
    }

    public string Unsubscribe(TenantDefinition tenant, long memberId, EmailKind? kind) =>
        $"{Site(tenant)}/email/unsubscribe?token={Protector(tenant.Id).Protect($"{memberId}:{kind?.Key() ?? All}")}";

    /// <summary>The member and kind (null: all optional email) a token stands for on this tenant, or null if it is not one of ours.</summary>
    public (long MemberId, EmailKind? Kind)? ReadUnsubscribe(string tenantId, string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000) return null;
        string payload;
        try { payload = Protector(tenantId).Unprotect(token); }
        catch (CryptographicException) { return null; }
        catch (FormatException) { return null; }
        var parts = payload.Split(':');
        if (parts.Length != 2 || !long.TryParse(parts[0], out var memberId)) return null;
        if (parts[1] == All) return (memberId, null);
        return EmailKinds.TryParse(parts[1], out EmailKind kind) ? (memberId, kind) : null;
    }

    public Sender SenderOf(TenantDefinition tenant)
    {
        var from = tenant.Email.From ?? options.CurrentValue.DefaultFrom
            ?? new MailAddress($"noreply@{(tenant.Hosts.Count > 0 ? tenant.Hosts[0] : "localhost")}", tenant.Name).ToString();
        return new Sender(from, tenant.Email.ReplyTo);
    }

    private IDataProtector Protector(string tenantId) => protection.CreateProtector("Engine.Email.Unsubscribe", tenantId);
}
