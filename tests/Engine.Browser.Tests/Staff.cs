using Engine.Core.Members;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Browser.Tests;

/// <summary>Makes someone part of a site's team, as an admin would on the members page.</summary>
public static class Staff
{
    public static async Task GrantAsync(EngineServer engine, Site site, long memberId, string role)
    {
        var members = engine.Services.GetRequiredService<IMemberStore>();
        var member = await members.FindByIdAsync(site.TenantId, memberId) ?? throw new InvalidOperationException($"No member {memberId} on {site.TenantId}.");
        member.Role = role;
        await members.UpdateAsync(member);
    }

    public static async Task GrantByEmailAsync(EngineServer engine, Site site, string email, string role)
    {
        var members = engine.Services.GetRequiredService<IMemberStore>();
        var member = await members.FindByEmailAsync(site.TenantId, email.ToUpperInvariant()) ?? throw new InvalidOperationException($"No member {email} on {site.TenantId}.");
        await GrantAsync(engine, site, member.Id, role);
    }
}
