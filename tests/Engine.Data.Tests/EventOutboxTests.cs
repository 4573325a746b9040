using Engine.Core.Events;
using Engine.Core.Moderation;
using Engine.Data.Events;
using Engine.Data.Stores;
using Engine.Sdk;

namespace Engine.Data.Tests;

/// <summary>
/// The outbox on this run's database: an event is written with its change or not at all, a stream is delivered from its
/// head in order, a failed event waits, and votes cast at once on one idea are numbered in the order they committed.
/// </summary>
public sealed class EventOutboxTests : IAsyncLifetime
{
    private readonly StoreFixture _store = new();
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private static readonly DateTimeOffset Later = StoreFixture.Now.AddMinutes(5);

    public Task InitializeAsync() => _store.InitializeAsync();
    public Task DisposeAsync() => _store.DisposeAsync();

    /// <summary>Sites t1 and t2 have event handlers; t3 has none.</summary>
    private sealed class Subscribed : IEventSubscribers
    {
        public bool Any(string tenantId) => tenantId is "t1" or "t2";
    }

    private static readonly IEventSubscribers Subscribers = new Subscribed();
    private EventOutboxStore Outbox => new(_store.Db);

    private async Task<(long Challenge, long Author)> SiteAsync(string tenantId = "t1")
    {
        var challenge = await _store.ChallengeAsync(tenantId);
        var author = await _store.MemberAsync(tenantId, "Ada Lovelace");
        return (challenge.Id, author.Id);
    }

    private Task<long> PostAsync(string tenantId, long challenge, long author, bool anonymous = false) =>
        new IdeaStore(_store.Db, StoreFixture.Anonymity, Subscribers).AddAsync(tenantId, challenge, StoreFixture.Published(author, anonymous),
            new Core.Ideas.NewIdea("Text patients their place", "Body"), StoreFixture.Now);

    [Fact]
    public async Task A_posted_idea_is_in_the_outbox_once_committed_and_a_site_without_handlers_writes_nothing()
    {
        var (challenge, author) = await SiteAsync();
        var idea = await PostAsync("t1", challenge, author);
        var (quietChallenge, quietAuthor) = await SiteAsync("t3");
        await PostAsync("t3", quietChallenge, quietAuthor);

        var taken = await Outbox.ClaimAsync("t1", Later, Lease, 10);

        taken.Should().ContainSingle();
        (await Outbox.ClaimAsync("t3", Later, Lease, 10)).Should().BeEmpty("a site without event handlers writes no events");
        var e = taken[0].Event;
        e.Should().BeEquivalentTo(new { Kind = EventKinds.IdeaPosted, TenantId = "t1", Stream = $"idea/{idea}", Sequence = 1L, IdeaId = idea,
            ChallengeId = challenge, Title = "Text patients their place", Author = "Ada Lovelace" });
        taken[0].Attempts.Should().Be(1);
    }

    [Fact]
    public async Task An_anonymous_idea_s_event_does_not_name_its_author()
    {
        var (challenge, author) = await SiteAsync();
        await PostAsync("t1", challenge, author, anonymous: true);

        var e = (await Outbox.ClaimAsync("t1", Later, Lease, 10)).Single().Event;

        e.Author.Should().BeNull();
        e.Kind.Should().Be(EventKinds.IdeaPosted);
    }

    [Fact]
    public async Task An_event_written_in_a_write_that_rolls_back_is_not_kept_and_does_not_use_up_its_number()
    {
        var (challenge, author) = await SiteAsync();
        var idea = await PostAsync("t1", challenge, author);
        await Outbox.DoneAsync((await Outbox.ClaimAsync("t1", Later, Lease, 10)).Single().Event, "delivered", null, Later);

        var failing = () => _store.Db.WriteAsync<int>("t1", (c, tx) =>
        {
            Events.Outbox.Record(c, tx, "t1", Events.Outbox.IdeaStream(idea), EventKinds.StatusChanged, new EventFacts { IdeaId = idea }, StoreFixture.Now);
            throw new InvalidOperationException("the change failed after its event was written");
        });
        await failing.Should().ThrowAsync<InvalidOperationException>();
        (await Outbox.ClaimAsync("t1", Later, Lease, 10)).Should().BeEmpty("the write rolled back, its event with it");

        await new VoteStore(_store.Db, Subscribers).CastAsync("t1", idea, author, 1, StoreFixture.Now);
        (await Outbox.ClaimAsync("t1", Later, Lease, 10)).Single().Event.Should().BeEquivalentTo(new { Kind = EventKinds.VoteCast, Sequence = 2L, Value = 1, Up = 1, Down = 0 });
    }

    [Fact]
    public async Task A_held_idea_and_a_held_comment_are_told_only_once_a_moderator_publishes_them()
    {
        var (challenge, author) = await SiteAsync();
        var held = new Admission(new Authorship(author, null, false), ModerationState.Held, "first posts");
        var idea = await new IdeaStore(_store.Db, StoreFixture.Anonymity, Subscribers).AddAsync("t1", challenge, held,
            new Core.Ideas.NewIdea("Held for a moderator", "Body"), StoreFixture.Now);
        var comment = await new CommentStore(_store.Db, StoreFixture.Anonymity, Subscribers).AddAsync("t1", idea, held,
            new Core.Comments.NewComment("Held too", null), StoreFixture.Now);
        (await Outbox.ClaimAsync("t1", Later, Lease, 10)).Should().BeEmpty("nothing held is public, so nothing is told");

        var moderation = new ModerationStore(_store.Db, Subscribers);
        var pending = new[] { ModerationState.Held };
        await moderation.SetStateAsync("t1", ContributionKind.Idea, idea, pending, ModerationState.Published, null, author, StoreFixture.Now);
        await moderation.SetStateAsync("t1", ContributionKind.Comment, comment, pending, ModerationState.Published, null, author, StoreFixture.Now);

        var approved = (await Outbox.ClaimAsync("t1", Later, Lease, 10)).Single().Event;
        approved.Should().BeEquivalentTo(new { Kind = EventKinds.IdeaApproved, Sequence = 1L, IdeaId = idea });
        await Outbox.DoneAsync(approved, "delivered", null, Later);
        (await Outbox.ClaimAsync("t1", Later, Lease, 10)).Single().Event.Should().BeEquivalentTo(
            new { Kind = EventKinds.CommentPosted, Sequence = 2L, IdeaId = idea, CommentId = comment, Author = "Ada Lovelace" });
    }

    [Fact]
    public async Task A_stream_is_taken_from_its_head_one_event_at_a_time_and_waits_while_its_head_waits_for_a_retry()
    {
        var (challenge, author) = await SiteAsync();
        var idea = await PostAsync("t1", challenge, author);
        var votes = new VoteStore(_store.Db, Subscribers);
        await votes.CastAsync("t1", idea, author, 1, StoreFixture.Now);
        await new CommentStore(_store.Db, StoreFixture.Anonymity, Subscribers).AddAsync("t1", idea, StoreFixture.Published(author),
            new Core.Comments.NewComment("Yes please", null), StoreFixture.Now);

        var first = (await Outbox.ClaimAsync("t1", Later, Lease, 10)).Single().Event;
        first.Sequence.Should().Be(1);
        (await Outbox.ClaimAsync("t1", Later, Lease, 10)).Should().BeEmpty("the head is taken, and the rest of its stream waits for it");

        await Outbox.RetryAsync(first, "handler failed", Later.AddMinutes(1));
        (await Outbox.ClaimAsync("t1", Later, Lease, 10)).Should().BeEmpty("the head waits for its retry, and its stream with it");

        var again = (await Outbox.ClaimAsync("t1", Later.AddMinutes(1), Lease, 10)).Single();
        again.Event.Sequence.Should().Be(1);
        again.Attempts.Should().Be(2);
        await Outbox.DoneAsync(again.Event, "delivered", null, Later.AddMinutes(1));

        var second = (await Outbox.ClaimAsync("t1", Later.AddMinutes(1), Lease, 10)).Single().Event;
        second.Should().BeEquivalentTo(new { Kind = EventKinds.VoteCast, Sequence = 2L });
        await Outbox.DoneAsync(second, "gave-up", "handler kept failing", Later.AddMinutes(1));
        (await Outbox.ClaimAsync("t1", Later.AddMinutes(1), Lease, 10)).Single().Event.Should().BeEquivalentTo(new { Kind = EventKinds.CommentPosted, Sequence = 3L, Author = "Ada Lovelace" });

        (await Outbox.ListAsync("t1", gaveUpOnly: true, 10)).Should().ContainSingle().Which.Should().BeEquivalentTo(new { Seq = 2L, Outcome = "gave-up", LastError = "handler kept failing" });
    }

    [Fact]
    public async Task An_event_taken_by_a_node_that_stopped_is_taken_again_once_its_lease_runs_out()
    {
        var (challenge, author) = await SiteAsync();
        await PostAsync("t1", challenge, author);
        (await Outbox.ClaimAsync("t1", Later, Lease, 10)).Should().ContainSingle();

        (await Outbox.ClaimAsync("t1", Later + Lease / 2, Lease, 10)).Should().BeEmpty();
        (await Outbox.ClaimAsync("t1", Later + Lease, Lease, 10)).Should().ContainSingle().Which.Attempts.Should().Be(2);
    }

    [Fact]
    public async Task Votes_cast_at_once_on_one_idea_are_numbered_in_the_order_they_committed()
    {
        const int Voters = 30;
        var (challenge, author) = await SiteAsync();
        var idea = await PostAsync("t1", challenge, author);
        var members = new List<long>();
        for (var m = 0; m < Voters; m++) members.Add((await _store.MemberAsync("t1", $"voter{m}")).Id);
        var votes = new VoteStore(_store.Db, Subscribers);

        await Task.WhenAll(members.Select(m => Task.Run(() => votes.CastAsync("t1", idea, m, 1, StoreFixture.Now))));

        var told = new List<SiteEvent>();
        for (var round = 0; round <= Voters; round++)
        {
            var e = (await Outbox.ClaimAsync("t1", Later, Lease, 10)).Single().Event;
            told.Add(e);
            await Outbox.DoneAsync(e, "delivered", null, Later);
        }
        told.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, Voters + 1).Select(i => (long)i));
        // Each vote added one: the count after it says where it committed, and it matches its number.
        told.Skip(1).Select(e => e.Up).Should().Equal(Enumerable.Range(1, Voters).Select(i => (int?)i));
    }

    [Fact]
    public async Task A_challenge_s_opening_and_closing_are_told_once_and_only_when_recent()
    {
        await _store.Challenges.SyncAsync("t1", [
            new Core.Tenancy.ChallengeDefinition { Slug = "now", Title = "Opened an hour ago", OpensAt = StoreFixture.Now.AddHours(-1), ClosesAt = StoreFixture.Now.AddDays(1) },
            new Core.Tenancy.ChallengeDefinition { Slug = "old", Title = "Last year's", OpensAt = StoreFixture.Now.AddDays(-400), ClosesAt = StoreFixture.Now.AddDays(-300) },
        ]);
        var opened = (await _store.Challenges.FindBySlugAsync("t1", "now"))!;

        await Outbox.TellChallengeMomentsAsync(["t1"], StoreFixture.Now, TimeSpan.FromDays(1));
        await Outbox.TellChallengeMomentsAsync(["t1"], StoreFixture.Now, TimeSpan.FromDays(1));

        var told = await Outbox.ClaimAsync("t1", StoreFixture.Now, Lease, 10);
        told.Should().ContainSingle().Which.Event.Should().BeEquivalentTo(new
        {
            Kind = EventKinds.ChallengeOpened, Stream = $"challenge/{opened.Id}", ChallengeId = opened.Id, Title = "Opened an hour ago",
        });
    }
}
