using Engine.Core.Challenges;
using Engine.Core.Common;
using Engine.Core.Ideas;
using Engine.Core.Members;
using Engine.Core.Stats;
using Engine.Core.Tenancy;
using Engine.Data.Postgres;
using Engine.Data.Sqlite;
using Engine.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Data.Tests;

/// <summary>Engine.Data wires itself: a host that calls AddEngineStorage gets the database its settings name, and the stores over it.</summary>
public sealed class StorageServicesTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "engine-data-tests", Guid.NewGuid().ToString("N"));
    private string? _postgres;

    public async Task InitializeAsync()
    {
        if (TestPostgres.IsTheStore) _postgres = await TestPostgres.CreateDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        if (_postgres is not null) await TestPostgres.DropDatabaseAsync(_postgres);
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private ServiceProvider Storage(string? postgres)
    {
        var services = new ServiceCollection();
        // What the host supplies: the Core services the stores take.
        services.AddSingleton<Core.Anonymity.IAuthorKeys>(StoreFixture.Keys);
        services.AddSingleton(StoreFixture.Anonymity);
        services.AddEngineStorage(_ => new StorageSettings(Path.Combine(_folder, "engine.db"), postgres, TimeSpan.Zero));
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task The_stores_keep_their_data_in_the_database_the_settings_name_and_each_commit_moves_the_tenant_data_version()
    {
        await using var services = Storage(_postgres);
        var db = services.GetRequiredService<Database>();
        db.Dialect.Should().Be(_postgres is null ? SqlDialect.Sqlite : SqlDialect.Postgres);
        await Migrations.ApplyAsync(db);
        var versions = services.GetRequiredService<DataVersions>();
        var before = versions.Of("t1");

        var challenges = services.GetRequiredService<IChallengeStore>();
        await challenges.SyncAsync("t1", [new ChallengeDefinition { Slug = "waiting-well", Title = "Waiting well" }]);
        var challenge = (await challenges.FindBySlugAsync("t1", "waiting-well"))!;
        var author = new Member { TenantId = "t1", Email = "ann@x.nhs.uk", NormalizedEmail = "ANN@X.NHS.UK", DisplayName = "Ann", CreatedAt = StoreFixture.Now };
        (await services.GetRequiredService<IMemberStore>().AddAsync(author)).Should().BeTrue();
        await services.GetRequiredService<IIdeaStore>().AddAsync("t1", challenge.Id, StoreFixture.Published(author.Id), new NewIdea("Text patients their place", "b"), StoreFixture.Now);

        challenge.Title.Should().Be("Waiting well");
        versions.Of("t1").Should().BeGreaterThan(before);
        (await services.GetRequiredService<IStatsQuery>().GetAsync("t1")).Ideas.Should().Be(1);
    }

    [Fact]
    public async Task Given_a_PostgreSQL_connection_string_the_database_is_PostgreSQL_and_there_is_no_SQLite_file()
    {
        // Nothing connects until the first read or write, so no server is needed here.
        await using var services = Storage("Host=127.0.0.1;Port=1;Username=nobody;Database=nowhere");

        services.GetRequiredService<Database>().Should().BeOfType<PostgresDatabase>();
        services.Invoking(s => s.GetRequiredService<SqliteDatabase>()).Should().Throw<InvalidOperationException>()
            .WithMessage("*configured for PostgreSQL (Engine:Storage:Postgres)*");
        File.Exists(Path.Combine(_folder, "engine.db")).Should().BeFalse();
    }
}
