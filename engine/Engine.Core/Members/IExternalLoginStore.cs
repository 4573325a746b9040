namespace Engine.Core.Members;

/// <summary>Which member an account at a site's OpenID Connect provider is (provider: its id in tenant.json; subject: its "sub" claim).</summary>
public interface IExternalLoginStore
{
    Task<long?> FindMemberAsync(string tenantId, string provider, string subject, CancellationToken ct = default);
    /// <summary>Links the provider's account to the member; an account already linked keeps its member.</summary>
    Task LinkAsync(string tenantId, string provider, string subject, long memberId, DateTimeOffset now, CancellationToken ct = default);
}
