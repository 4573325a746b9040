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
            var (challenge, members, ideas) = await SeedAsync(a, Members, Ideas);
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
            await CountsEqualVotesAsync(connection, ideas);
            (await Deadlocks(name)).Should().Be(deadlocksBefore, "both writers take their locks in one order, so PostgreSQL finds no deadlock to break");
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connection);
        }
    }

    [Fact]
    public async Task One_member_changing_their_vote_on_the_same_idea_through_both_nodes_at_once_never_deadlocks_and_counts_stay_true()
    {
        // Every member votes on every idea through both nodes at once, one node going up the ideas and the other down, each
        // node changing the vote the other just cast (up, down, or taking it back), so the same votes rows and counts rows
        // are wanted by both writers' groups at the same moment.
        const int members = 12, ideasCount = 4, rounds = 8;
        var connection = await TestPostgres.CreateDatabaseAsync();
        try
        {
            var name = new NpgsqlConnectionStringBuilder(connection).Database!;
            var a = new PostgresDatabase(connection);
            var b = new PostgresDatabase(connection);
            var (_, memberIds, ideas) = await SeedAsync(a, members, ideasCount);
            var deadlocksBefore = await Deadlocks(name);

            var votes = new List<Task<bool>>();
            for (var round = 0; round < rounds; round++)
                for (var step = 0; step < ideasCount; step++)
                    foreach (var member in memberIds)
                    {
                        votes.Add(Accepted(new VoteStore(a).CastAsync("t1", ideas[step], member, round % 2 == 0 ? 1 : -1, StoreFixture.Now)));
                        votes.Add(round % 3 == 2
                            ? Accepted(new VoteStore(b).RemoveAsync("t1", ideas[ideasCount - 1 - step], member))
                            : Accepted(new VoteStore(b).CastAsync("t1", ideas[ideasCount - 1 - step], member, round % 2 == 0 ? -1 : 1, StoreFixture.Now)));
                    }
            var accepted = await Task.WhenAll(votes);
            await a.DisposeAsync();
            await b.DisposeAsync();

            accepted.Should().OnlyContain(ok => ok, "no vote is refused for a deadlock: the writers never meet one");
            await CountsEqualVotesAsync(connection, ideas);
            (await Deadlocks(name)).Should().Be(deadlocksBefore, "every group takes its ideas' counts locks first, in one order, so PostgreSQL finds no deadlock to break");
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connection);
        }
    }

    [Fact]
    public async Task Members_seen_through_both_nodes_at_once_while_they_vote_never_deadlock()
    {
        // A member's first request of the day on each node records their visit (the retention rule's last use) in the same
        // groups as the votes: one node sees the members upwards, the other downwards, so both writers want the same members' rows.
        const int members = 8, rounds = 30;
        var connection = await TestPostgres.CreateDatabaseAsync();
        try
        {
            var name = new NpgsqlConnectionStringBuilder(connection).Database!;
            var a = new PostgresDatabase(connection);
            var b = new PostgresDatabase(connection);
            var (_, memberIds, ideas) = await SeedAsync(a, members, 2);
            var deadlocksBefore = await Deadlocks(name);

            var writes = new List<Task<bool>>();
            for (var round = 0; round < rounds; round++)
                for (var m = 0; m < members; m++)
                {
                    var (up, down) = (memberIds[m], memberIds[members - 1 - m]);
                    writes.Add(Accepted(new RetentionStore(a).SeenAsync("t1", up, StoreFixture.Now.AddMinutes(round)).ContinueWith(t => { t.GetAwaiter().GetResult(); return 0; })));
                    writes.Add(Accepted(new VoteStore(a).CastAsync("t1", ideas[0], up, 1, StoreFixture.Now)));
                    writes.Add(Accepted(new RetentionStore(b).SeenAsync("t1", down, StoreFixture.Now.AddMinutes(round)).ContinueWith(t => { t.GetAwaiter().GetResult(); return 0; })));
                    writes.Add(Accepted(new VoteStore(b).CastAsync("t1", ideas[1], down, -1, StoreFixture.Now)));
                }
            var accepted = await Task.WhenAll(writes);
            await a.DisposeAsync();
            await b.DisposeAsync();

            accepted.Should().OnlyContain(ok => ok, "no visit or vote fails for a deadlock");
            await CountsEqualVotesAsync(connection, ideas);
            (await Deadlocks(name)).Should().Be(deadlocksBefore, "a visit never waits for a member's row another node is writing, so PostgreSQL finds no deadlock to break");
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(connection);
        }
    }

    /// <summary>A challenge in tenant t1 with <paramref name="members"/> members and <paramref name="ideas"/> ideas.</summary>
    private static async Task<(long Challenge, List<long> Members, List<long> Ideas)> SeedAsync(PostgresDatabase db, int members, int ideas)
    {
        await Migrations.ApplyAsync(db, Migrations.Latest);
        await new ChallengeStore(db).SyncAsync("t1", [new Core.Tenancy.ChallengeDefinition { Slug = "waiting-well", Title = "Waiting well" }]);
        var challenge = (await new ChallengeStore(db).FindBySlugAsync("t1", "waiting-well"))!.Id;
        var memberIds = new List<long>();
        for (var m = 0; m < members; m++)
        {
            var member = new Core.Members.Member { TenantId = "t1", Email = $"m{m}@x.nhs.uk", NormalizedEmail = $"M{m}@X.NHS.UK", DisplayName = $"m{m}", CreatedAt = StoreFixture.Now };
            (await new MemberStore(db).AddAsync(member)).Should().BeTrue();
            memberIds.Add(member.Id);
        }
        var ideaIds = new List<long>();
        for (var i = 0; i < ideas; i++)
            ideaIds.Add(await new IdeaStore(db, StoreFixture.Anonymity).AddAsync("t1", challenge, StoreFixture.Published(memberIds[0]), new Core.Ideas.NewIdea($"Idea {i}", "b"), StoreFixture.Now));
        return (challenge, memberIds, ideaIds);
    }

    /// <summary>Each idea's counters equal the votes stored for it.</summary>
    private static async Task CountsEqualVotesAsync(string connection, List<long> ideas)
    {
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
