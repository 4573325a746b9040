namespace MyRule.Tests;

#if (kind == "voting")
/// <summary>The rule is a pure function: build the snapshots the engine would hand it, and check its answers.</summary>
public class MyRuleRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private readonly MyRuleRule _rule = new(halfLifeHours: 48);

    private static VoteRequest Vote(int value, bool downVotesAllowed = false) =>
        new(IdeaId: 1, value, downVotesAllowed, MemberVotes.None);

    private static IdeaTally Tally(int up, double hoursOld = 0) =>
        new(IdeaId: 1, up, Down: 0, Voters: up, Comments: 0, CreatedAt: Now.AddHours(-hoursOld));

    [Fact]
    public void A_thumbs_up_is_accepted() =>
        _rule.Decide(Vote(1)).Should().Be(VoteDecision.Accepted);

    [Theory]
    [InlineData(-1, false)]
    [InlineData(-1, true)]
    [InlineData(2, false)]
    public void Anything_but_a_thumbs_up_is_refused_saying_why(int value, bool downVotesAllowed) =>
        _rule.Decide(Vote(value, downVotesAllowed)).Should().BeOfType<VoteDecision.Refuse>()
            .Which.Reason.Should().Contain("thumbs-up");

    [Fact]
    public void Top_ranks_by_thumbs_up() =>
        _rule.TopScore(Tally(up: 5)).Should().BeGreaterThan(_rule.TopScore(Tally(up: 4)));

    [Fact]
    public void Trending_counts_thumbs_up_for_half_as_much_after_each_half_life()
    {
        _rule.TrendingScore(Tally(up: 8), Now).Should().BeApproximately(8, 1e-6);
        _rule.TrendingScore(Tally(up: 8, hoursOld: 48), Now).Should().BeApproximately(4, 1e-6);
        _rule.TrendingScore(Tally(up: 8, hoursOld: 96), Now).Should().BeApproximately(2, 1e-6);
    }

    [Fact]
    public void A_new_idea_with_a_clock_slightly_behind_is_not_ranked_above_its_votes() =>
        _rule.TrendingScore(Tally(up: 3, hoursOld: -0.1), Now).Should().BeApproximately(3, 1e-6);
}
#elif (kind == "moderation")
/// <summary>The rule is a pure function: build the contributions the engine would hand it, and check its answers.</summary>
public class MyRuleRuleTests
{
    private readonly MyRuleRule _rule = new(minLetters: 12);

    private static Contribution Comment(string body) =>
        new(ContributionKind.Comment, Title: null, body, new AuthorHistory(Contributions: 3, Approved: 3, MemberSince: DateTimeOffset.UnixEpoch));

    [Fact]
    public void A_contribution_all_in_capitals_is_held_for_a_moderator() =>
        _rule.Check(Comment("THIS WARD IS NEVER CLEANED")).Should().BeOfType<ModerationDecision.Hold>()
            .Which.Text!.Key.Should().Be("held-capitals", "the engine words it from locales/ in each moderator's language");

    [Fact]
    public void An_ideas_title_counts_with_its_body() =>
        _rule.Check(new Contribution(ContributionKind.Idea, "OPEN THE CAFE", "LATER", new AuthorHistory(0, 0, DateTimeOffset.UnixEpoch)))
            .Should().BeOfType<ModerationDecision.Hold>();

    [Theory]
    [InlineData("The ward is never cleaned at the weekend")]
    [InlineData("A&E WAIT")]
    [InlineData("NHS 111 CALL")]
    public void Ordinary_text_and_short_capitals_are_published(string body) =>
        _rule.Check(Comment(body)).Should().Be(ModerationDecision.Published);
}
#elif (kind == "events")
/// <summary>The handler as the engine calls it: events as it hands them over, and a state store kept in memory.</summary>
public class MyRuleRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private readonly MemoryState _state = new();

    private static SiteEvent Event(string kind, long idea, long challenge = 1, long sequence = 1) => new()
    {
        Kind = kind, TenantId = "north-east", Stream = $"idea/{idea}", Sequence = sequence, At = Now, ChallengeId = challenge, IdeaId = idea,
    };

    [Fact]
    public void Each_posted_idea_counts_once_in_its_own_challenge()
    {
        var handler = new MyRuleRule(_state, countApproved: true);
        handler.Handle(Event(EventKinds.IdeaPosted, idea: 1));
        handler.Handle(Event(EventKinds.IdeaPosted, idea: 2));
        handler.Handle(Event(EventKinds.IdeaPosted, idea: 3, challenge: 2));

        (handler.Published(1), handler.Published(2)).Should().Be((2, 1));
    }

    [Fact]
    public void An_event_delivered_twice_counts_once()
    {
        var handler = new MyRuleRule(_state, countApproved: true);
        handler.Handle(Event(EventKinds.IdeaPosted, idea: 1));
        handler.Handle(Event(EventKinds.IdeaPosted, idea: 1));

        handler.Published(1).Should().Be(1);
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    public void An_approved_idea_counts_as_the_setting_says(bool countApproved, int expected) =>
        Handled(new MyRuleRule(_state, countApproved), Event(EventKinds.IdeaApproved, idea: 4)).Published(1).Should().Be(expected);

    [Fact]
    public void Votes_and_comments_count_nothing() =>
        Handled(new MyRuleRule(_state, countApproved: true), Event(EventKinds.VoteCast, idea: 5), Event(EventKinds.CommentPosted, idea: 5, sequence: 2))
            .Published(1).Should().Be(0);

    private static MyRuleRule Handled(MyRuleRule handler, params SiteEvent[] events)
    {
        foreach (var e in events) handler.Handle(e);
        return handler;
    }

    /// <summary>The plugin's state as the engine keeps it, in memory: values by key, keys listed in order.</summary>
    private sealed class MemoryState : IPluginState
    {
        private readonly SortedDictionary<string, System.Text.Json.JsonElement> _values = new(StringComparer.Ordinal);
        public System.Text.Json.JsonElement? Get(string key) => _values.TryGetValue(key, out var value) ? value : null;
        public void Set(string key, System.Text.Json.JsonElement value) => _values[key] = value;
        public bool Remove(string key) => _values.Remove(key);
        public IReadOnlyList<string> Keys(string prefix = "") => _values.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList();
    }
}
#else
/// <summary>The policy is a pure function: build the requests the engine would hand it, and check its answers.</summary>
public class MyRuleRuleTests
{
    private static AnonymityRequest Request(bool asked, bool allowed) => new(ContributionKind.Idea, asked, allowed);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_author_who_does_not_ask_is_named(bool allowed) =>
        new MyRuleRule(fullyAnonymous: false).Decide(Request(asked: false, allowed)).Should().Be(AnonymityDecision.StoreAs(AuthorStorage.Named));

    [Theory]
    [InlineData(false, AuthorStorage.AnonymousToPublic)]
    [InlineData(true, AuthorStorage.FullyAnonymous)]
    public void Where_the_site_allows_it_an_author_who_asks_is_stored_as_the_setting_says(bool fullyAnonymous, AuthorStorage storage) =>
        new MyRuleRule(fullyAnonymous).Decide(Request(asked: true, allowed: true)).Should().Be(AnonymityDecision.StoreAs(storage));

    [Fact]
    public void Where_the_site_does_not_allow_it_asking_is_refused_saying_why() =>
        new MyRuleRule(fullyAnonymous: false).Decide(Request(asked: true, allowed: false)).Should().BeOfType<AnonymityDecision.Refuse>()
            .Which.Reason.Should().Contain("does not allow anonymous posting");
}
#endif
