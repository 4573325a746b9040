using Engine.Core.Challenges;
using Engine.Core.Ideas;
using Engine.Core.Members;
using Engine.Core.Moderation;
using Engine.Core.Tenancy;
using Engine.Data.Postgres;
using Engine.Data.Sqlite;
using Engine.Data.Stores;
using Engine.Tests.Shared;

namespace Engine.Data.Tests;

/// <summary>
/// A fresh database per test, with the schema applied: a SQLite file, or in the PostgreSQL run of this
/// project (ENGINE_TEST_STORE=postgres, see build.cake) a new PostgreSQL database, so every store test
/// proves the same behaviour on both.
/// </summary>
/// <param name="schemaVersion">The migration step to stop at: a database as an earlier release left it (default: the latest).</param>
public sealed class StoreFixture(int? schemaVersion = null) : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "engine-data-tests", Guid.NewGuid().ToString("N"));

    private string? _postgres;

    public Database Db { get; private set; } = null!;
    /// <summary>Moved by <see cref="Db"/> after each commit, as in the engine.</summary>
    public Core.Common.DataVersions Versions { get; } = new();
    public ChallengeStore Challenges => new(Db);
    public IdeaStore Ideas => new(Db, Anonymity);
    public CommentStore Comments => new(Db, Anonymity);
    public VoteStore Votes => new(Db);
    public MemberStore Members => new(Db);
    public StatsQuery Stats => new(Db, Keys);
    /// <summary>Stands in for the engine's HMAC: the same member always gets the same key on a tenant.</summary>
    public static readonly TestAuthorKeys Keys = new();
    /// <summary>
    /// The stores' anonymity check as under an "anonymous to the public" policy, which the store tests assume: it keeps
    /// the author links they write. The engine's check, which asks the tenant's policy, is tested over HTTP (PluginRulesTests).
    /// </summary>
    public static readonly Core.Anonymity.IAnonymityPromise Anonymity = new KeepsAuthorLinks();

    public async Task InitializeAsync()
    {
        if (TestPostgres.IsTheStore)
        {
            _postgres = await TestPostgres.CreateDatabaseAsync();
            Db = new PostgresDatabase(_postgres, Versions);
        }
        else Db = new SqliteDatabase(Path.Combine(_folder, "engine.db"), Versions);
        await Migrations.ApplyAsync(Db, schemaVersion ?? Migrations.Latest);
    }

    public async Task DisposeAsync()
    {
        await Db.DisposeAsync();
        if (_postgres is not null) await TestPostgres.DropDatabaseAsync(_postgres);
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    public async Task<Member> MemberAsync(string tenantId, string name)
    {
        var member = new Member { TenantId = tenantId, Email = $"{name}@x.nhs.uk", NormalizedEmail = $"{name}@X.NHS.UK".ToUpperInvariant(), DisplayName = name, CreatedAt = Now };
        (await Members.AddAsync(member)).Should().BeTrue();
        return member;
    }

    public async Task<Challenge> ChallengeAsync(string tenantId, string slug = "waiting-well")
    {
        await Challenges.SyncAsync(tenantId, [new ChallengeDefinition { Slug = slug, Title = "Waiting well" }]);
        return (await Challenges.FindBySlugAsync(tenantId, slug))!;
    }

    public Task<long> IdeaAsync(string tenantId, long challengeId, long authorId, bool anonymous = false, string title = "Text patients their place") =>
        Ideas.AddAsync(tenantId, challengeId, Published(authorId, anonymous), new NewIdea(title, "Body text"), Now);

    public static Admission Published(long memberId, bool anonymous = false) =>
        new(new Authorship(memberId, null, anonymous), ModerationState.Published, null);
}

public sealed class TestAuthorKeys : Core.Anonymity.IAuthorKeys
{
    public string KeyFor(string tenantId, long memberId) => Convert.ToHexStringLower(
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"test-secret\n{tenantId}\n{memberId}")));
}

public sealed class KeepsAuthorLinks : Core.Anonymity.IAnonymityPromise
{
    public Authorship Keep(string tenantId, string? challengeSlug, Engine.Sdk.ContributionKind kind, Authorship author) => author;
}
