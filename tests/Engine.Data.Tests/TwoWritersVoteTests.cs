using Dapper;
using Engine.Data.Postgres;
using Engine.Data.Stores;
using Engine.Tests.Shared;
using Npgsql;

namespace Engine.Data.Tests;

/// <summary>
/// Two engine nodes' writers on one PostgreSQL database, each committing groups of votes that touch the same few ideas
/// and members in crossed orders (one node takes the ideas upwards, the other downwards): the store-level storm behind
/// the two-node HTTP test, fast enough to fill both writers' groups at once on a small machine.
/// </summary>
[Trait("Store", "Both")] // makes its own PostgreSQL database: run once, not again in the PostgreSQL run
public sealed class TwoWritersVoteTests
{
    private const int Members = 40, Ideas = 4, Rounds = 3;

    [Fact]
    public async Task Two_nodes_casting_crossed_votes_at_once_never_deadlock_and_every_vote_counts_once()
    {
        var connection = await TestPostgres.CreateDatabaseAsync();
        try
        {
            var name = new NpgsqlConnectionStringBuilder(connection).Database!;
            var a = new PostgresDatabase(connection);
            var b = new PostgresDatabase(connection);
            await Migrations.ApplyAsync(a, Migrations.Latest);
            await new ChallengeStore(a).SyncAsync("t1", [new Core.Tenancy.ChallengeDefinition { Slug = "waiting-well", Title = "Waiting well" }]);
            var challenge = (await new ChallengeStore(a).FindBySlugAsync("t1", "waiting-well"))!.Id;
            var members = new List<long>();
            for (var m = 0; m < Members; m++)
            {
                var member = new Core.Members.Member { TenantId = "t1", Email = $"m{m}@x.nhs.uk", NormalizedEmail = $"M{m}@X.NHS.UK", DisplayName = $"m{m}", CreatedAt = StoreFixture.Now };
                (await new MemberStore(a).AddAsync(member)).Should().BeTrue();
                members.Add(member.Id);
            }
            var ideas = new List<long>();
            for (var i = 0; i < Ideas; i++)
                ideas.Add(await new IdeaStore(a, StoreFixture.Anonymity).AddAsync("t1", challenge, StoreFixture.Published(members[0]), new Core.Ideas.NewIdea($"Idea {i}", "b"), StoreFixture.Now));
            var deadlocksBefore = await Deadlocks(name);

            // Half the members vote through each node, all at once; each member changes their mind each round.
            var votes = new List<Task<bool>>();
            for (var round = 0; round < Rounds; round++)
                for (var step = 0; step < Ideas; step++)
                    for (var m = 0; m < Members; m++)
                    {
                        var value = round % 2 == 0 ? 1 : -1;
                        // A goes through the ideas upwards, B downwards; on A every other vote is checked under its member's lock, as a budget rule's is.
                        var (node, idea) = m % 2 == 0 ? (a, ideas[step]) : (b, ideas[Ideas - 1 - step]);
                        votes.Add(node == a && (m / 2) % 2 == 0
                            ? Accepted(new VoteStore(a).CastIfUnchangedAsync("t1", idea, members[m], challenge, value, StoreFixture.Now, new Dictionary<long, int>()))
                            : Accepted(new VoteStore(node).CastAsync("t1", idea, members[m], value, StoreFixture.Now)));
                    }
            var accepted = await Task.WhenAll(votes);
            await a.DisposeAsync();
            await b.DisposeAsync();

            accepted.Count(ok => ok).Should().BeGreaterThan(0);
            await using var db = new NpgsqlConnection(connection + ";Pooling=false");
            await db.OpenAsync();
            var stored = (await db.QueryAsync<(long IdeaId, long Value)>("SELECT idea_id, value FROM votes WHERE tenant_id = 't1'")).ToList();
            var counts = (await db.QueryAsync<(long IdeaId, long Up, long Down, long Voters)>("SELECT idea_id, up_count, down_count, voter_count FROM idea_counts WHERE tenant_id = 't1'"))
                .ToDictionary(c => c.IdeaId);
            foreach (var idea in ideas)
            {
                var its = stored.Where(v => v.IdeaId == idea).ToList();
                (counts.TryGetValue(idea, out var c) ? (c.Up, c.Down, c.Voters) : (0, 0, 0))
                    .Should().Be((its.Count(v => v.Value > 0), its.Count(v => v.Value < 0), its.Count), $"idea {idea}'s counts equal its votes");
            }
            await db.CloseAsync();
            (await Deadlocks(name)).Should().Be(deadlocksBefore, "both writers take their locks in one order, so PostgreSQL finds no deadlock to break");
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connection);
        }
    }

    /// <summary>True when the vote was written; a vote that failed (a deadlock the writer gave up on) is false, not thrown.</summary>
    private static async Task<bool> Accepted<T>(Task<T> vote)
    {
        try { return await vote is not null; }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException) { return false; }
    }

    /// <summary>
    /// Deadlocks PostgreSQL broke in the database. A server process adds its own to the count when it reports its
    /// statistics, at the latest when it exits: so the writers are closed and their connections waited for first.
    /// </summary>
    private static async Task<long> Deadlocks(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var server = new NpgsqlConnection(TestPostgres.Server);
        await server.OpenAsync();
        for (var waited = 0; waited < 600 && await server.ExecuteScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = @name", new { name }) > 0; waited++)
            await Task.Delay(50);
        return await server.ExecuteScalarAsync<long>("SELECT deadlocks FROM pg_stat_database WHERE datname = @name", new { name });
    }
}
