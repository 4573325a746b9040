using Engine.Core.Anonymity;
using Engine.Core.Common;
using Engine.Core.Moderation;
using Engine.Core.Rules;
using Engine.Core.Tenancy;
using Engine.Sdk;

namespace Engine.Core.Tests.Rules;

public class ContributionGateTests
{
    private sealed class History : IContributionHistory
    {
        public Task<AuthorHistory> ForAsync(string tenantId, long memberId, string authorKey, CancellationToken ct = default) =>
            Task.FromResult(new AuthorHistory(2, 1, DateTimeOffset.UnixEpoch));
    }

    private sealed class Keys : IAuthorKeys
    {
        public string KeyFor(string tenantId, long memberId) => $"key-{tenantId}-{memberId}";
    }

    private sealed class Fixed(ModerationDecision decision) : IModerationRule
    {
        public List<Contribution> Seen { get; } = [];
        public ModerationDecision Check(Contribution contribution) { Seen.Add(contribution); return decision; }
    }

    private sealed class Storing(AuthorStorage storage) : IAnonymityPolicy
    {
        public AnonymityDecision Decide(AnonymityRequest request) => AnonymityDecision.StoreAs(storage);
    }

    private static readonly ContributionGate Gate = new(new History(), new Keys());

    private static RuleSet Rules(IAnonymityPolicy? anonymity = null, params IModerationRule[] moderation) =>
        new(new TenantFeatures { AnonymousPosting = true }, BuiltInVoting.Instance, moderation, anonymity ?? BuiltInAnonymity.Instance);

    private static Task<Outcome<Admission>> Admit(RuleSet rules, bool anonymous = false) =>
        Gate.AdmitAsync(rules, "t", 42, ContributionKind.Idea, "Title", "Body", anonymous);

    [Fact]
    public async Task With_no_rules_a_named_contribution_is_published_under_its_member()
    {
        (await Admit(Rules())).Value.Should().Be(new Admission(new Authorship(42, null, false), ModerationState.Published, null));
    }

    [Fact]
    public async Task Anonymous_to_the_public_keeps_the_member_link_for_an_audited_reveal()
    {
        (await Admit(Rules(new Storing(AuthorStorage.AnonymousToPublic)), anonymous: true)).Value!.Author
            .Should().Be(new Authorship(42, null, true));
    }

    [Fact]
    public async Task Fully_anonymous_stores_only_the_keyed_hash_never_the_member()
    {
        (await Admit(Rules(new Storing(AuthorStorage.FullyAnonymous)), anonymous: true)).Value!.Author
            .Should().Be(new Authorship(null, "key-t-42", true));
    }

    [Fact]
    public async Task A_refusing_anonymity_policy_stops_the_post_naming_the_anonymous_field()
    {
        var outcome = await Gate.AdmitAsync(new RuleSet(new TenantFeatures(), BuiltInVoting.Instance, [], BuiltInAnonymity.Instance),
            "t", 42, ContributionKind.Comment, null, "Body", true);
        outcome.Error!.Field.Should().Be("anonymous");
    }

    [Fact]
    public async Task Moderation_rules_run_in_order_and_the_first_hold_decides()
    {
        var first = new Fixed(ModerationDecision.Published);
        var second = new Fixed(ModerationDecision.Held("second says hold"));
        var third = new Fixed(ModerationDecision.Rejected("never asked"));
        var admission = (await Admit(Rules(null, first, second, third))).Value!;
        admission.State.Should().Be(ModerationState.Held);
        admission.Reason.Should().Be("second says hold");
        third.Seen.Should().BeEmpty();
        first.Seen.Single().Author.Should().Be(new AuthorHistory(2, 1, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public async Task A_rejection_is_refused_with_the_reason_for_the_author()
    {
        var outcome = await Admit(Rules(null, new Fixed(ModerationDecision.Rejected("Please remove the listed word."))));
        outcome.Error!.Message.Should().Be("Please remove the listed word.");
    }
}
