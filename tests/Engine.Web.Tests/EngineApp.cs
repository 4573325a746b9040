using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests;

/// <summary>
/// The engine on a test server, with its own tenants folder and database in a temp folder and the
/// repository's real themes. In the PostgreSQL run of this project (ENGINE_TEST_STORE=postgres, see
/// build.cake) its data is in a PostgreSQL database of its own instead of SQLite, created here and dropped afterwards. Three tenants: alpha (named posting only, thumbs-up only), beta
/// (anonymous posting and thumbs-down), gamma (on a shared host under the path prefix /gamma).
/// </summary>
public class EngineApp : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "engine-web-tests", Guid.NewGuid().ToString("N"));
    public string TenantsPath => Path.Combine(Root, "tenants");
    public string DataPath => Path.Combine(Root, "data");
    /// <summary>The app's own PostgreSQL database in the PostgreSQL run; null on SQLite.</summary>
    public string? Postgres { get; }
    /// <summary>Whether this app keeps its data in PostgreSQL: in the PostgreSQL run, or where a test needs it.</summary>
    protected virtual bool OnPostgresStore => Engine.Tests.Shared.TestPostgres.IsTheStore;
    protected virtual string Environment => "Production";
    protected virtual bool SeedDemoData => false;
    protected virtual string? TenantsOverride => null;
    /// <summary>Where the engine loads plugins from; by default the repository's built plugins.</summary>
    protected virtual string PluginsPath => Path.Combine(TestRepository.Root, "plugins");

    public EngineApp()
    {
        Postgres = OnPostgresStore ? Engine.Tests.Shared.TestPostgres.CreateDatabaseAsync().GetAwaiter().GetResult() : null;
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

    /// <summary>Writes tenant.json atomically (temp file, then rename), as a deploy tool would.</summary>
    public void WriteTenantJson(string folder, string json)
    {
        var dir = Path.Combine(TenantsPath, folder);
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".tenant.json.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temp, json);
        File.Move(temp, Path.Combine(dir, "tenant.json"), overwrite: true);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var repository = TestRepository.Root;
        builder.UseEnvironment(Environment);
        builder.UseSetting("Engine:TenantsPath", TenantsOverride ?? TenantsPath);
        builder.UseSetting("Engine:DataPath", DataPath);
        if (Postgres is not null) builder.UseSetting("Engine:Storage:Postgres", Postgres);
        builder.UseSetting("Engine:ThemesPath", Path.Combine(repository, "themes"));
        builder.UseSetting("Engine:FrontEndPath", Path.Combine(repository, "node_modules"));
        builder.UseSetting("Engine:TenantScanInterval", "00:00:00.100");
        // Tests check exact numbers right after a write; the recount interval has its own test (StatsQueryTests).
        builder.UseSetting("Engine:NumbersRecountEvery", "00:00:00");
        builder.UseSetting("Engine:PluginsPath", PluginsPath);
        // Tests make many requests from one address; RateLimitTests checks the limits themselves.
        builder.UseSetting("Engine:RateLimits:AccountAttempts", "100000");
        builder.UseSetting("Engine:RateLimits:Writes", "100000");
        builder.UseSetting("Engine:SeedDemoData", SeedDemoData ? "true" : "false");
    }

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

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Postgres is not null) await Engine.Tests.Shared.TestPostgres.DropDatabaseAsync(Postgres);
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { /* the OS may still hold the database file briefly */ }
    }
}
