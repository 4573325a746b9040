using Engine.Core.Comments;
using Engine.Core.Ideas;
using Engine.Core.Moderation;
using Engine.Data.Stores;
using Engine.Sdk;

namespace Engine.Data.Tests;

public class ModerationStoreTests : IAsyncLifetime
{
    private readonly StoreFixture _store = new();
    public Task InitializeAsync() => _store.InitializeAsync();
    public Task DisposeAsync() => _store.DisposeAsync();
    private ModerationStore Moderation => new(_store.Db);
    private static readonly ModerationState[] Any = Enum.GetValues<ModerationState>();

    [Fact]
    public async Task Unblocking_puts_back_each_item_as_it_was_before_the_block_and_leaves_a_moderators_decisions_alone()
    {
        var challenge = await _store.ChallengeAsync("t1");
        var author = await _store.MemberAsync("t1", "author");
        var published = await _store.IdeaAsync("t1", challenge.Id, author.Id);
        var held = await _store.Ideas.AddAsync("t1", challenge.Id, new Admission(new Authorship(author.Id, null, false), ModerationState.Held, "Looks like a phone number"),
            new NewIdea("Held idea", "Body"), StoreFixture.Now);
        var hidden = await _store.IdeaAsync("t1", challenge.Id, author.Id, title: "Hidden by a moderator");
        var comment = await _store.Comments.AddAsync("t1", published, StoreFixture.Published(author.Id), new NewComment("A comment", null), StoreFixture.Now);
        (await Moderation.SetStateAsync("t1", ContributionKind.Idea, hidden, Any, ModerationState.Hidden, "Off topic", 1, StoreFixture.Now)).Should().Be(StateChange.Done);

        (await Moderation.BlockAsync("t1", author.Id, anonymousToo: false)).Named.Should().Be(3);
        (await _store.Ideas.FindAsync("t1", published)).Should().BeNull();
        (await Moderation.HiddenAsync("t1")).Where(h => h.HiddenByBlock).Select(h => (h.Kind, h.Id))
            .Should().BeEquivalentTo([(ContributionKind.Idea, published), (ContributionKind.Idea, held), (ContributionKind.Comment, comment)]);

        (await Moderation.UnblockAsync("t1", author.Id)).Should().Be(3);
        var idea = (await _store.Ideas.FindAsync("t1", published))!;
        idea.CommentCount.Should().Be(1, "the comment counts again once it is public");
        var queued = (await Moderation.QueueAsync("t1")).Single(q => q.Id == held);
        queued.State.Should().Be(ModerationState.Held);
        queued.Reason.Should().Be("Looks like a phone number", "the rule's reason comes back with it");
        var stillHidden = (await Moderation.HiddenAsync("t1")).Single();
        (stillHidden.Id, stillHidden.Reason, stillHidden.HiddenByBlock).Should().Be((hidden, "Off topic", false));
        (await Moderation.UnblockAsync("t1", author.Id)).Should().Be(0, "there is nothing left that a block hid");
    }

    [Fact]
    public async Task A_keyed_hold_reason_is_kept_beside_the_content_with_its_plugin_key_and_values_through_a_block_and_an_unblock()
    {
        var challenge = await _store.ChallengeAsync("t1");
        var author = await _store.MemberAsync("t1", "author");
        var links = new HoldText("link-limit", "held-links", [3L, 2L]);
        var idea = await _store.Ideas.AddAsync("t1", challenge.Id,
            new Admission(new Authorship(author.Id, null, false), ModerationState.Held, "Has 3 links; this site holds posts with more than 2 for a moderator") { Text = links },
            new NewIdea("Held idea", "Body"), StoreFixture.Now);
        var published = await _store.IdeaAsync("t1", challenge.Id, author.Id);
        var comment = await _store.Comments.AddAsync("t1", published,
            new Admission(new Authorship(author.Id, null, false), ModerationState.Held, "Contains \"rubbish\"") { Text = new HoldText("word-list", "listed-word", ["rubbish"]) },
            new NewComment("Rubbish", null), StoreFixture.Now);
        var reported = await _store.IdeaAsync("t1", challenge.Id, author.Id, title: "Reported");
        await Moderation.HoldAsync("t1", ContributionKind.Idea, reported, "Reported by 2 members", default, HoldText.Engine("admin.moderation.reported-by", 2));

        await Moderation.BlockAsync("t1", author.Id, anonymousToo: false);
        await Moderation.UnblockAsync("t1", author.Id);

        var queue = (await Moderation.QueueAsync("t1")).ToDictionary(q => (q.Kind, q.Id), q => q.HoldText);
        queue[(ContributionKind.Idea, idea)].Should().BeEquivalentTo(links);
        queue[(ContributionKind.Comment, comment)].Should().BeEquivalentTo(new HoldText("word-list", "listed-word", ["rubbish"]));
        queue[(ContributionKind.Idea, reported)].Should().BeEquivalentTo(HoldText.Engine("admin.moderation.reported-by", 2L));
        (await Moderation.ItemAsync("t1", ContributionKind.Comment, comment))!.HoldText!.Key.Should().Be("listed-word");
        (await Moderation.ItemAsync("t2", ContributionKind.Idea, idea)).Should().BeNull("another tenant has no such idea");
    }

    [Fact]
    public async Task Dismissed_reports_leave_the_queue_and_stop_counting_towards_a_threshold()
    {
        var challenge = await _store.ChallengeAsync("t1");
        var author = await _store.MemberAsync("t1", "author");
        var first = await _store.MemberAsync("t1", "first");
        var second = await _store.MemberAsync("t1", "second");
        var idea = await _store.IdeaAsync("t1", challenge.Id, author.Id);
        (await Moderation.ReportAsync("t1", ContributionKind.Idea, idea, first.Id, "spam", StoreFixture.Now)).Should().Be(1);
        (await Moderation.QueueAsync("t1")).Single().ReportReasons.Should().Equal("spam");

        (await Moderation.DismissReportsAsync("t1", ContributionKind.Idea, idea, 9, StoreFixture.Now))!.Reasons.Should().Equal("spam");
        (await Moderation.QueueAsync("t1")).Should().BeEmpty();
        (await Moderation.DismissReportsAsync("t1", ContributionKind.Idea, idea, 9, StoreFixture.Now))!.Reasons.Should().BeEmpty();
        (await Moderation.DismissReportsAsync("t1", ContributionKind.Idea, 12345, 9, StoreFixture.Now)).Should().BeNull();
        (await Moderation.DismissReportsAsync("t2", ContributionKind.Idea, idea, 9, StoreFixture.Now)).Should().BeNull("another tenant has no such idea");

        (await Moderation.ReportAsync("t1", ContributionKind.Idea, idea, second.Id, "still spam", StoreFixture.Now)).Should().Be(1, "only reports not yet dealt with count");
        (await Moderation.QueueAsync("t1")).Single().Reports.Should().Be(1);
    }

    [Fact]
    public async Task A_decision_applies_only_from_the_states_it_is_for()
    {
        var challenge = await _store.ChallengeAsync("t1");
        var author = await _store.MemberAsync("t1", "author");
        var idea = await _store.IdeaAsync("t1", challenge.Id, author.Id);
        (await Moderation.SetStateAsync("t1", ContributionKind.Idea, idea, [ModerationState.Hidden], ModerationState.Published, null, 1, StoreFixture.Now))
            .Should().Be(StateChange.WrongState);
        (await Moderation.SetStateAsync("t2", ContributionKind.Idea, idea, Any, ModerationState.Hidden, "x", 1, StoreFixture.Now)).Should().Be(StateChange.NotFound);
        (await _store.Ideas.FindAsync("t1", idea)).Should().NotBeNull("nothing changed");
    }
}
