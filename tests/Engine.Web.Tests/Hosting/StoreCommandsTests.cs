using System.Net.Http.Json;
using Engine.Data;
using Engine.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.Hosting;

/// <summary>
/// The commands an operator runs apart from serving, as Program runs them: migrate changes the schema and nothing else
/// does; the tenant commands refuse a store at another schema and answer a refused import with a message and an exit
/// code, not a stack trace.
/// </summary>
public sealed class StoreCommandsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "engine-store-commands", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private string Data => Path.Combine(_root, "data");

    /// <summary>The engine's services as <c>dotnet Engine.Web.dll …</c> builds them for a command, on the test's own SQLite store.</summary>
    private WebApplication Tool()
    {
        var settings = TestEngineSettings.For(Path.Combine(_root, "tenants"), Data);
        var builder = WebApplication.CreateBuilder(settings.Select(s => $"--{s.Key}={s.Value}").ToArray());
        builder.AddEngine();
        return builder.Build();
    }

    private async Task<(int Code, string Output, string Errors)> Run(params string[] words)
    {
        await using var tool = Tool();
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await StoreCommands.RunAsync(tool.Services, words, output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    private async Task<int> SchemaVersion()
    {
        await using var tool = Tool();
        return await Migrations.VersionAsync(tool.Services.GetRequiredService<Database>());
    }

    [Fact]
    public async Task Migrate_brings_an_empty_store_to_this_releases_schema_and_says_so_once()
    {
        var first = await Run("migrate");
        (first.Code, first.Errors).Should().Be((0, ""));
        first.Output.Should().StartWith("Migrated ").And.Contain($"from schema version 0 to {Migrations.Latest}.");
        (await SchemaVersion()).Should().Be(Migrations.Latest);

        (await Run("migrate")).Output.Should().Contain($"already at schema version {Migrations.Latest}");
    }

    [Fact]
    public async Task A_tenant_command_on_a_store_at_another_schema_refuses_and_leaves_the_schema_alone()
    {
        var (code, output, errors) = await Run("tenant", "export", "alpha", Path.Combine(_root, "alpha.json"));

        code.Should().Be(StoreCommands.NotAtThisSchema);
        output.Should().BeEmpty();
        errors.Should().Contain("schema version 0").And.Contain("run 'dotnet Engine.Web.dll migrate'");
        (await SchemaVersion()).Should().Be(0, "a tenant command never migrates the store");
        File.Exists(Path.Combine(_root, "alpha.json")).Should().BeFalse();
    }

    [Fact]
    public async Task Importing_over_a_tenant_that_has_data_is_refused_with_a_message_and_an_exit_code()
    {
        (await Run("migrate")).Code.Should().Be(0);
        await using (var app = new StoreApp(Data))
        {
            using var member = app.Visit("alpha.test");
            await member.RegisterAsync(TestEmail.Unique());
        }
        var file = Path.Combine(_root, "alpha.json");
        (await Run("tenant", "export", "alpha", file)).Code.Should().Be(0);

        var (code, output, errors) = await Run("tenant", "import", file);

        code.Should().Be(StoreCommands.Refused);
        output.Should().BeEmpty();
        errors.Should().Contain("Tenant alpha already has data").And.NotContain("   at ", "no stack trace");
        (await Run("tenant", "import", file, "--as", "alpha-copy")).Code.Should().Be(0, "into a tenant with no data it imports");
    }

    [Fact]
    public async Task A_command_it_does_not_know_prints_the_usage()
    {
        var (code, _, errors) = await Run("tenant", "delete", "alpha");

        code.Should().Be(StoreCommands.Usage);
        errors.Should().StartWith("Usage: migrate");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes are Unix's; the engine is deployed on Linux
    public async Task Deleting_a_tenant_archives_its_audit_log_to_a_private_file_then_removes_it_and_only_with_the_confirmation_flag()
    {
        (await Run("migrate")).Code.Should().Be(0);
        await using (var app = new StoreApp(Data))
        {
            var (admin, _) = await app.MemberAsync("alpha.test", Engine.Core.Members.Roles.Admin, "Ada Admin");
            (await admin.Http.PutAsJsonAsync("api/v1/admin/settings", new { anonymousPosting = true, downVotes = true })).EnsureSuccessStatusCode();
            await admin.PostIdeaAsync(title: "An idea of alpha's");
            using var beta = app.Visit("beta.test");
            await beta.RegisterAsync(TestEmail.Unique());
        }
        var beforeBeta = await Run("tenant", "export", "beta", Path.Combine(_root, "beta-before.json"));

        var unconfirmed = await Run("tenant", "delete", "alpha");
        unconfirmed.Code.Should().Be(StoreCommands.Usage);
        unconfirmed.Errors.Should().Contain("tenant delete <tenant id> --confirm").And.Contain("add --confirm to do so");
        (await Run("tenant", "export", "alpha", Path.Combine(_root, "alpha.json"))).Output.Should().Contain("1 members, 1 ideas", "nothing was deleted");

        var (code, output, errors) = await Run("tenant", "delete", "alpha", "--confirm");

        (code, errors).Should().Be((0, ""));
        var archive = output.Split('\n')[0].Split(" to ")[1].Trim();
        Path.GetDirectoryName(archive).Should().Be(Path.Combine(Data, "archives"));
        File.GetUnixFileMode(archive).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Engine.Data.Transfer.TenantDump archived;
        await using (var file = File.OpenRead(archive)) archived = Engine.Data.Transfer.TenantDump.ReadFrom(file);
        archived.Tables.Keys.Should().Equal("audit_log");
        var entries = archived.Tables["audit_log"].Rows;
        entries.Should().NotBeEmpty().And.OnlyContain(row => row.Contains("setting.changed"), "the admin's switches were logged");
        output.Should().StartWith($"Archived tenant alpha's audit log ({entries.Count} entries) to {archive}");
        output.Should().Contain("Deleted tenant alpha from ");
        (await Run("tenant", "export", "alpha", Path.Combine(_root, "alpha-after.json"))).Output.Should().Contain("0 members, 0 ideas, 0 comments, 0 votes");
        (await Run("tenant", "export", "beta", Path.Combine(_root, "beta-after.json"))).Output.Split("; content hash")[1]
            .Should().Be(beforeBeta.Output.Split("; content hash")[1], "another tenant keeps every row");

        var again = await Run("tenant", "delete", "alpha", "--confirm");
        (again.Code, again.Output).Should().Be((StoreCommands.Refused, ""));
        again.Errors.Should().Contain("tenant alpha has no data").And.Contain("nothing was deleted");
    }

    [Fact]
    public async Task With_migrating_on_start_off_a_node_refuses_to_start_on_an_older_schema()
    {
        (await Run("migrate")).Code.Should().Be(0);
        await using (var app = new StoreApp(Data)) app.Visit("alpha.test").Dispose();
        var older = new StoreApp(Data, migrateOnStart: false, upTo: Migrations.Latest - 1);
        await using (older)
        {
            var start = () => older.Visit("alpha.test");
            start.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain($"at schema version {Migrations.Latest - 1}")
                .And.Contain("migrate");
        }
        (await SchemaVersion()).Should().Be(Migrations.Latest - 1, "the node changed nothing");
    }

    /// <summary>The engine serving the test's store, on SQLite; optionally with the store set back to an older schema first.</summary>
    private sealed class StoreApp : EngineApp
    {
        private readonly string _data;
        private readonly bool _migrateOnStart;

        public StoreApp(string data, bool migrateOnStart = true, int? upTo = null)
        {
            (_data, _migrateOnStart) = (data, migrateOnStart);
            if (upTo is { } version) SetBack(data, version);
        }

        protected override bool OnPostgresStore => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Engine:DataPath", _data);
            builder.UseSetting("Engine:Storage:MigrateOnStart", _migrateOnStart ? "true" : "false");
        }

        // SQLite keeps the version in user_version: an older release's store is this one with a lower number.
        private static void SetBack(string data, int version)
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(data, "engine.db")}");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version = {version}";
            command.ExecuteNonQuery();
        }
    }
}
