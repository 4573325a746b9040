using Engine.Core.Email;

namespace Engine.Core.DataRights;

/// <summary>"Download my data": what the site keeps about the member, for the member themself only.</summary>
public sealed class DownloadMyData(IMemberDataStore store, IEmailStore email)
{
    public async Task<MemberData?> ForAsync(string tenantId, long memberId, CancellationToken ct = default)
    {
        var data = await store.CollectAsync(tenantId, memberId, ct);
        return data is null ? null : data with { EmailPreferences = await email.PreferencesAsync(tenantId, memberId, ct) };
    }
}
