using Engine.Core.Caching;
using Engine.Core.Challenges;
using Engine.Core.Comments;
using Engine.Core.Common;
using Engine.Core.Ideas;
using Engine.Core.Tests.Stores;
using Microsoft.Extensions.Time.Testing;
using static Engine.Core.Tests.Stores.SampleChallenges;

namespace Engine.Core.Tests.Ideas;

/// <summary>An idea with its comments and the reader's vote: what the idea's page and the API's idea both show.</summary>
public class ReadIdeaTests
{
    private const long Reader = 42;

    private static readonly Idea Reminders = Post(10, Running, "Text reminders");
    private static readonly Idea Duplicate = Post(11, Running, "Reminders by text") with { MergedInto = 10 };
    private static readonly Idea Answered = Post(20, PastClosing, "Evening clinics");
    private static readonly Idea MergedWhenClosed = Post(21, PastClosing, "Late clinics") with { MergedInto = 20 };

    private readonly FakeTimeProvider _clock = new(Now);
    private readonly InMemoryVotes _votes = new("alpha");
    private readonly ReadIdea _read;

    public ReadIdeaTests()
    {
        var ideas = new InMemoryIdeas("alpha", Reminders, Duplicate, Answered, MergedWhenClosed,
            Post(30, Draft, "In a draft"), Post(40, NotYetOpen, "Too early"), Post(50, Archived, "Archived"));
        var comments = new InMemoryComments("alpha",
            Say(100, 10, null, "Yes please"), Say(101, 20, null, "On another idea"), Say(102, 10, 100, "A reply"), Say(103, 10, null, "Thanks", official: true));
        var challenges = new InMemoryChallenges(Running, PastClosing, Draft, NotYetOpen, Archived);
        var cache = new EngineCache(new DataVersions(), _clock);
        var open = new OpenIdea(challenges, ideas, cache, new OpenChallenge(challenges, cache, NobodyAsking.Instance, _clock), _clock);
        _read = new ReadIdea(open, comments, _votes, _clock);
    }

    private static Idea Post(long id, Challenge challenge, string title) =>
        new(id, challenge.Id, challenge.Slug, title, "body", null, true, IdeaStatus.Submitted, 3, 1, 2, Now.AddDays(-2));

    private static Comment Say(long id, long ideaId, long? parentId, string body, bool official = false) =>
        new(id, ideaId, parentId, body, new AuthorView("Sam"), false, Now.AddHours(-id), official);

    [Fact]
    public async Task A_visitor_gets_the_idea_its_challenge_and_its_comments_in_the_order_posted_with_no_vote_and_no_vote_read()
    {
        var found = (await _read.FindAsync("alpha", 10, memberId: null)).Value!;
        found.Idea.Should().Be(Reminders);
        found.Challenge.Should().Be(Running);
        found.Comments.Select(k => (k.Id, k.ParentId, k.Body, k.Official)).Should().Equal(
            (100, null, "Yes please", false), (102, 100, "A reply", false), (103, null, "Thanks", true));
        found.MyVote.Should().Be(0);
        _votes.Reads.Should().Be(0, "a visitor has no votes to read");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public async Task A_member_sees_their_own_vote(int value)
    {
        _votes.Given[(Reader, 10)] = value;
        (await _read.FindAsync("alpha", 10, Reader)).Value!.MyVote.Should().Be(value);
    }

    [Fact]
    public async Task A_member_who_has_not_voted_sees_none_even_where_others_have_and_their_votes_elsewhere_do_not_count()
    {
        _votes.Given[(7, 10)] = 1;
        _votes.Given[(Reader, 20)] = 1;
        (await _read.FindAsync("alpha", 10, Reader)).Value!.MyVote.Should().Be(0);
    }

    [Fact]
    public async Task An_idea_takes_votes_and_comments_while_its_challenge_is_open()
    {
        var found = (await _read.FindAsync("alpha", 10, Reader)).Value!;
        found.TakesContributions.Should().BeTrue();
        found.TakesOnlyAnswers.Should().BeFalse();
    }

    [Fact]
    public async Task Once_its_challenge_has_closed_an_idea_is_still_shown_and_takes_only_the_teams_answers()
    {
        var found = (await _read.FindAsync("alpha", 20, Reader)).Value!;
        found.Comments.Select(k => k.Id).Should().Equal(101);
        found.TakesContributions.Should().BeFalse();
        found.TakesOnlyAnswers.Should().BeTrue();
    }

    [Fact]
    public async Task The_closing_time_is_read_on_the_clock_each_time()
    {
        (await _read.FindAsync("alpha", 10, Reader)).Value!.TakesContributions.Should().BeTrue();
        _clock.SetUtcNow(Running.ClosesAt!.Value);
        var found = (await _read.FindAsync("alpha", 10, Reader)).Value!;
        found.TakesContributions.Should().BeFalse();
        found.TakesOnlyAnswers.Should().BeTrue();
    }

    [Theory]
    [InlineData(11)]
    [InlineData(21)]
    public async Task A_merged_idea_is_shown_but_takes_nothing_not_even_answers(long ideaId)
    {
        var found = (await _read.FindAsync("alpha", ideaId, Reader)).Value!;
        found.Idea.MergedInto.Should().NotBeNull();
        found.TakesContributions.Should().BeFalse();
        found.TakesOnlyAnswers.Should().BeFalse();
    }

    [Theory]
    [InlineData("alpha", 30)]
    [InlineData("alpha", 40)]
    [InlineData("alpha", 50)]
    [InlineData("alpha", 999)]
    [InlineData("beta", 10)]
    public async Task An_idea_whose_challenge_is_not_on_the_site_is_not_found_like_one_that_does_not_exist(string tenantId, long ideaId)
    {
        (await _read.FindAsync(tenantId, ideaId, Reader)).Error.Should().Be(Error.NotFound("Idea"));
        _votes.Reads.Should().Be(0, "nothing more is read about an idea that is not shown");
    }
}
