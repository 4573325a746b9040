using Engine.Core.Events;
using Engine.Data.Events;
using Engine.Data.Postgres;
using Engine.Data.Stores;
using Engine.Sdk;
using Engine.Tests.Shared;

namespace Engine.Data.Tests;

/// <summary>
/// Two engine nodes' stores on one PostgreSQL database: votes on one idea from both are numbered in the order they
/// committed, and when both deliver at once, each event is taken by one node only, its stream still in order.
/// </summary>
[Trait("Store", "Both")] // makes its own PostgreSQL database: run once, not again in the PostgreSQL run
public sealed class EventOutboxTwoNodesTests
{
    private const int Voters = 40;

    private sealed class Everyone : IEventSubscribers
    {
        public bool Any(string tenantId) => true;
    }

    [Fact]
    public async Task Two_nodes_number_one_idea_s_votes_in_commit_order_and_deliver_each_event_once_in_order()
    {
        var connection = await TestPostgres.CreateDatabaseAsync();
        var a = new PostgresDatabase(connection);
        var b = new PostgresDatabase(connection);
        try
        {
            await Migrations.ApplyAsync(a, Migrations.Latest);
            await new ChallengeStore(a).SyncAsync("t1", [new Core.Tenancy.ChallengeDefinition { Slug = "waiting-well", Title = "Waiting well" }]);
            var challenge = (await new ChallengeStore(a).FindBySlugAsync("t1", "waiting-well"))!.Id;
            var members = new List<long>();
            for (var m = 0; m < Voters; m++)
            {
                var member = new Core.Members.Member { TenantId = "t1", Email = $"m{m}@x.nhs.uk", NormalizedEmail = $"M{m}@X.NHS.UK", DisplayName = $"m{m}", CreatedAt = StoreFixture.Now };
                (await new MemberStore(a).AddAsync(member)).Should().BeTrue();
                members.Add(member.Id);
            }
            var ideas = new List<long>();
            for (var i = 0; i < 3; i++)
                ideas.Add(await new IdeaStore(a, StoreFixture.Anonymity, new Everyone()).AddAsync("t1", challenge, StoreFixture.Published(members[0]),
                    new Core.Ideas.NewIdea($"Idea {i}", "b"), StoreFixture.Now));

            // Every member votes on every idea, half through each node, all at once.
            var voteA = new VoteStore(a, new Everyone());
            var voteB = new VoteStore(b, new Everyone());
            await Task.WhenAll(members.SelectMany((m, n) => ideas.Select(idea => Task.Run(() => (n % 2 == 0 ? voteA : voteB).CastAsync("t1", idea, m, 1, StoreFixture.Now)))));

            // Both nodes deliver at once until the outbox is empty, each recording what it took.
            var taken = new System.Collections.Concurrent.ConcurrentQueue<(string Node, SiteEvent Event, int Order)>();
            var order = 0;
            async Task DeliverAsync(string node, EventOutboxStore outbox)
            {
                var idle = 0;
                while (idle < 20)
                {
                    var claimed = await outbox.ClaimAsync("t1", StoreFixture.Now.AddMinutes(1), TimeSpan.FromMinutes(1), 5);
                    idle = claimed.Count == 0 ? idle + 1 : 0;
                    foreach (var c in claimed)
                    {
                        taken.Enqueue((node, c.Event, Interlocked.Increment(ref order)));
                        await outbox.DoneAsync(c.Event, "delivered", null, StoreFixture.Now.AddMinutes(1));
                    }
                }
            }
            await Task.WhenAll(DeliverAsync("a", new EventOutboxStore(a)), DeliverAsync("b", new EventOutboxStore(b)));

            taken.Should().HaveCount(ideas.Count * (Voters + 1), "every event was delivered");
            taken.Select(t => t.Event.Id).Should().OnlyHaveUniqueItems("each event was taken by one node only");
            foreach (var stream in taken.GroupBy(t => t.Event.Stream))
            {
                var inOrder = stream.OrderBy(t => t.Order).ToList();
                inOrder.Select(t => t.Event.Sequence).Should().Equal(Enumerable.Range(1, Voters + 1).Select(i => (long)i), "a stream is delivered in order");
                inOrder.Skip(1).Select(t => t.Event.Up).Should().Equal(Enumerable.Range(1, Voters).Select(i => (int?)i), "numbered in the order the votes committed");
            }
        }
        finally
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
            await TestPostgres.DropDatabaseAsync(connection);
        }
    }
}
