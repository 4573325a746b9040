using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests;

/// <summary>
/// The engine on a test server (<see cref="TestEngine"/>: its own tenants folder and database, the repository's
/// real themes) with three tenants: alpha (named posting only, thumbs-up only), beta (anonymous posting and
/// thumbs-down), gamma (on a shared host under the path prefix /gamma).
/// </summary>
public class EngineApp : TestEngine
{
    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public EngineApp()
    {
        WriteTenant("alpha", Tenant("alpha", "Alpha Health Ideas", ["alpha.test"], anonymous: false, downVotes: false));
        WriteTenant("beta", Tenant("beta", "Beta Care Voices", ["beta.test"], anonymous: true, downVotes: true));
        WriteTenant("gamma", Tenant("gamma", "Gamma Region", ["shared.test"], anonymous: false, downVotes: false, prefix: "/gamma"));
    }

    public static Dictionary<string, object?> Tenant(string id, string name, string[] hosts, bool anonymous, bool downVotes, string prefix = "", string theme = "base") => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["hosts"] = hosts,
        ["pathPrefix"] = prefix,
        ["theme"] = theme,
        ["themeSettings"] = new { primaryColour = "#123456", tagline = $"{name} tagline" },
        ["features"] = new { anonymousPosting = anonymous, downVotes },
        ["challenges"] = new object[]
        {
            new { slug = "waiting-well", title = "Waiting well", description = "How can we help people wait well?", opensAt = Now.AddDays(-7), closesAt = Now.AddDays(21) },
            new { slug = "last-year", title = "Last year's challenge", description = "Closed now.", opensAt = Now.AddDays(-400), closesAt = Now.AddDays(-300) },
            new { slug = "next-year", title = "Next year's challenge", description = "Not open yet.", opensAt = Now.AddDays(300), closesAt = Now.AddDays(330) },
        },
    };

    public void WriteTenant(string folder, object tenant) => WriteTenantJson(folder, JsonSerializer.Serialize(tenant, new JsonSerializerOptions { WriteIndented = true }));

    /// <summary>
    /// A newly registered member of the host's tenant (its id is the host's first label) with a role set in
    /// the store, as an admin would grant it; roles are re-read on every request, so no new sign-in is needed.
    /// </summary>
    public async Task<(Visitor Visitor, long Id)> MemberAsync(string host, string role, string name = "Pat Example", string? email = null)
    {
        var visitor = Visit(host);
        var staff = role != Engine.Core.Members.Roles.Member;
        // Registration refuses names that pass for staff ("Ada Admin"); staff get theirs with the role.
        var id = await visitor.RegisterAsync(email ?? TestEmail.Unique("m"), staff ? "Staff to be" : name);
        if (staff) await GrantAsync(host.Split('.')[0], id, role, name);
        return (visitor, id);
    }

    /// <summary>Confirms a member's address, as the link in the email does, so that they get more than account emails.</summary>
    public async Task ConfirmEmailAsync(string tenantId, long id)
    {
        var members = Services.GetRequiredService<Engine.Core.Members.IMemberStore>();
        var member = (await members.FindByIdAsync(tenantId, id))!;
        member.EmailConfirmed = true;
        await members.UpdateAsync(member);
    }

    /// <summary>Gives a member a role and a name in the store, as an admin would grant it; no new sign-in is needed.</summary>
    public async Task GrantAsync(string tenantId, long id, string role, string name)
    {
        var members = Services.GetRequiredService<Engine.Core.Members.IMemberStore>();
        var member = (await members.FindByIdAsync(tenantId, id))!;
        member.Role = role;
        member.DisplayName = name;
        await members.UpdateAsync(member);
    }

    /// <summary>A client for one host, with its own cookies, that does not follow redirects.</summary>
    public Visitor Visit(string host) => new(CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri($"http://{host}/"),
        AllowAutoRedirect = false,
    }));
}
