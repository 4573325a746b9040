using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Core.Anonymity;
using Engine.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.Hosting;

/// <summary>
/// A tenant moved between deployments, each with its own anonymity.key, as an operator moves it (docs/deploy.md): SQLite
/// to PostgreSQL to SQLite with the tenant commands and a transfer passphrase. Its fully anonymous authors still find
/// their posts in "Your contributions", and the numbers count each of them once, on every deployment.
/// </summary>
[Trait("Store", "Both")] // chooses its stores itself: run once, not again in the PostgreSQL run
public sealed class TenantMoveTests : IDisposable
{
    private const string Passphrase = "a transfer passphrase for the move";
    private const string Password = "correct horse battery";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "engine-tenant-move", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { /* best effort */ }
    }

    /// <summary>One deployment: its own data folder (so its own anonymity.key) and store, serving the moved tenant "own".</summary>
    private sealed class Deployment(bool onPostgres) : EngineApp
    {
        protected override bool OnPostgresStore => onPostgres;

        /// <summary>The moved tenant's folder: written on the target once its rows are in (an import needs a tenant with no data).</summary>
        public void AddMovedTenant()
        {
            var tenant = Tenant("own", "Own site", ["own.test"], anonymous: true, downVotes: false);
            tenant["rules"] = new { anonymity = new { rule = "fully-anonymous" } };
            WriteTenant("own", tenant);
        }

        public string AnonymityKey => File.ReadAllText(Path.Combine(DataPath, "keys", "anonymity.key"));

        /// <summary>A command as <c>dotnet Engine.Web.dll …</c> runs it with this deployment's settings, and the passphrase in its environment.</summary>
        public async Task<(int Code, string Output, string Errors)> RunAsync(string? passphrase, params string[] words)
        {
            var settings = TestEngineSettings.For(TenantsPath, DataPath, Postgres);
            if (passphrase is not null) settings[TenantKeyTransfer.PassphraseSetting] = passphrase;
            var builder = WebApplication.CreateBuilder(settings.Select(s => $"--{s.Key}={s.Value}").ToArray());
            builder.AddEngine();
            await using var tool = builder.Build();
            using var output = new StringWriter();
            using var errors = new StringWriter();
            var code = await StoreCommands.RunAsync(tool.Services, words, output, errors);
            return (code, output.ToString(), errors.ToString());
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes are Unix's; the engine is deployed on Linux
    public async Task Fully_anonymous_authors_keep_their_posts_and_are_counted_once_after_moving_SQLite_to_PostgreSQL_to_SQLite()
    {
        var email = TestEmail.Unique("author");
        await using var first = new Deployment(onPostgres: false);
        first.AddMovedTenant();
        using var author = first.Visit("own.test");
        var authorId = await author.RegisterAsync(email, "Avery Author");
        var anonymous = await author.PostIdeaAsync(title: "My fully anonymous idea", anonymous: true);
        await author.PostIdeaAsync(title: "My named idea");
        using (var other = first.Visit("own.test"))
        {
            await other.RegisterAsync(TestEmail.Unique("other"), "Olly Other");
            await other.PostIdeaAsync(title: "Someone else's idea");
        }
        await ShowsAsync(author, "My fully anonymous idea");
        (await PeopleAsync(author)).Should().Be(2, "the author's named and anonymous ideas are one person's");

        var firstFile = Path.Combine(_root, "own-from-first.json");
        var exported = await first.RunAsync(Passphrase, "tenant", "export", "own", firstFile);
        exported.Code.Should().Be(0, exported.Errors);
        exported.Output.Should().Contain("sealed with Engine:Transfer:Passphrase");
        File.GetUnixFileMode(firstFile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var firstHash = first.Services.GetRequiredService<IAuthorKeys>().KeyFor("own", authorId);
        var text = await File.ReadAllTextAsync(firstFile);
        text.Should().NotContain(firstHash, "the export carries no hash that the first deployment's key links to a member");
        text.Should().NotContain(first.AnonymityKey).And.Contain("\"anonymityKey\":\"pbkdf2-sha256$");

        await using var second = new Deployment(onPostgres: true);
        (await second.RunAsync(null, "migrate")).Code.Should().Be(0);
        var withoutPassphrase = await second.RunAsync(null, "tenant", "import", firstFile);
        (withoutPassphrase.Code, withoutPassphrase.Errors).Should().Be((StoreCommands.Refused,
            "tenant import " + firstFile + ": The export carries tenant own's anonymity key sealed with a transfer passphrase: set Engine:Transfer:Passphrase " +
            "(environment Engine__Transfer__Passphrase) to the one it was exported with.\n"));
        var wrongPassphrase = await second.RunAsync("not the passphrase it was sealed with", "tenant", "import", firstFile);
        wrongPassphrase.Code.Should().Be(StoreCommands.Refused);
        wrongPassphrase.Errors.Should().Contain("is not the passphrase tenant own was exported with: nothing was imported.");
        var imported = await second.RunAsync(Passphrase, "tenant", "import", firstFile);
        imported.Code.Should().Be(0, imported.Errors);
        second.AddMovedTenant();
        second.AnonymityKey.Should().NotBe(first.AnonymityKey, "each deployment has its own secret");

        using var authorOnSecond = await SignInAsync(second, email);
        await ShowsAsync(authorOnSecond, "My fully anonymous idea");
        (await PeopleAsync(authorOnSecond)).Should().Be(2);
        await authorOnSecond.PostIdeaAsync(title: "Posted anonymously after the move", anonymous: true);
        await ShowsAsync(authorOnSecond, "Posted anonymously after the move");
        (await PeopleAsync(authorOnSecond)).Should().Be(2, "a post after the move is the same person's as those before it");

        var secondFile = Path.Combine(_root, "own-from-second.json");
        (await second.RunAsync(Passphrase, "tenant", "export", "own", secondFile)).Code.Should().Be(0);
        await using var third = new Deployment(onPostgres: false);
        (await third.RunAsync(null, "migrate")).Code.Should().Be(0);
        (await third.RunAsync(Passphrase, "tenant", "import", secondFile)).Code.Should().Be(0);
        third.AddMovedTenant();

        using var authorOnThird = await SignInAsync(third, email);
        await ShowsAsync(authorOnThird, "My fully anonymous idea");
        await ShowsAsync(authorOnThird, "Posted anonymously after the move");
        (await PeopleAsync(authorOnThird)).Should().Be(2);
        using var visitor = third.Visit("own.test");
        var page = (await visitor.GetPageAsync($"/ideas/{anonymous}")).Html;
        page.Should().Contain("My fully anonymous idea").And.NotContain("Avery Author", "the idea names nobody after the move either");
    }

    private static async Task<Visitor> SignInAsync(Deployment deployment, string email)
    {
        var visitor = deployment.Visit("own.test");
        var response = await visitor.Http.PostAsJsonAsync("api/v1/account/signin", new { email, password = Password });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        await visitor.UseAntiforgeryHeaderAsync();
        return visitor;
    }

    private static async Task ShowsAsync(Visitor author, string title)
    {
        var (status, html) = await author.GetPageAsync("/account/contributions");
        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain(title).And.Contain("Posted fully anonymously: nobody else can see it is yours.");
    }

    private static async Task<int> PeopleAsync(Visitor visitor) =>
        (await visitor.Http.GetFromJsonAsync<JsonElement>("api/v1/stats")).GetProperty("people").GetInt32();
}
