using System.Text.Json;
using Engine.Sdk;

namespace MyRule;

#if (kind == "voting")
/// <summary>
/// Thumbs-up only. Top ranks ideas by their thumbs-up; trending counts each thumbs-up for half as
/// much every <paramref name="halfLifeHours"/> hours after the idea was posted.
/// </summary>
/// <remarks>
/// A rule is a pure function of what the engine hands it: no database, no files, no network, no
/// clock but the <c>now</c> it is given. It must answer well within a second.
/// </remarks>
public sealed class MyRuleRule(int halfLifeHours) : IVotingRule
{
    public VoteDecision Decide(VoteRequest request) => request.Value == 1
        ? VoteDecision.Accepted
        : VoteDecision.Refused("Only thumbs-up votes count here: vote 1, or take your vote back.");

    public double TopScore(IdeaTally idea) => idea.Up;

    public double TrendingScore(IdeaTally idea, DateTimeOffset now)
    {
        // A clock a little behind the database must not give a new idea a negative age.
        var hours = Math.Max(0, (now - idea.CreatedAt).TotalHours);
        return idea.Up * Math.Pow(0.5, hours / halfLifeHours);
    }
}
#elif (kind == "moderation")
/// <summary>
/// Holds an idea or comment written all in capitals (shouting) for a moderator, once it has at least
/// <paramref name="minLetters"/> letters: a short "NHS" or "A&amp;E" is not shouting.
/// </summary>
/// <remarks>
/// A rule is a pure function of what the engine hands it: no database, no files, no clock. It must
/// answer well within a second. (To ask a service outside the engine, implement IAsyncModerationRule.)
/// </remarks>
public sealed class MyRuleRule(int minLetters) : IModerationRule
{
    public ModerationDecision Check(Contribution contribution)
    {
        var letters = $"{contribution.Title} {contribution.Body}".Where(char.IsLetter).ToList();
        return letters.Count >= minLetters && letters.All(char.IsUpper)
            // Moderators read this reason, worded in their language from locales/ (SDK 1.5); the author does not.
            ? ModerationDecision.HeldFor("held-capitals")
            : ModerationDecision.Published;
    }
}
#elif (kind == "events")
/// <summary>
/// Counts each challenge's published ideas in the plugin's own state: one key per idea, so an event delivered twice
/// (delivery is at least once) counts once. With <paramref name="countApproved"/>, an idea held for a moderator counts
/// when it is approved.
/// </summary>
/// <remarks>
/// The engine calls a handler after the change was committed, in order per idea, and calls it again later (backing
/// off) if it throws or overruns its time budget. It must answer well within a second.
/// </remarks>
public sealed class MyRuleRule(IPluginState state, bool countApproved) : IEventHandler
{
    public void Handle(SiteEvent e)
    {
        var counts = e.Kind == EventKinds.IdeaPosted || (countApproved && e.Kind == EventKinds.IdeaApproved);
        if (!counts || e.ChallengeId is not { } challenge || e.IdeaId is not { } idea) return;
        state.Set($"{Prefix(challenge)}{idea}", JsonSerializer.SerializeToElement(e.At));
    }

    /// <summary>How many of a challenge's ideas have been published, as counted so far.</summary>
    public int Published(long challengeId) => state.Keys(Prefix(challengeId)).Count;

    private static string Prefix(long challengeId) => $"published/{challengeId}/";
}
#else
/// <summary>
/// Where the site allows anonymous posting and the author asks for it: anonymous to the public (a
/// moderator can reveal the author, with a reason, into the audit log), or with
/// <paramref name="fullyAnonymous"/> no link to the author at all. Otherwise the author is named.
/// </summary>
/// <remarks>A policy is a pure function of what the engine hands it. It must answer well within a second.</remarks>
public sealed class MyRuleRule(bool fullyAnonymous) : IAnonymityPolicy
{
    public AnonymityDecision Decide(AnonymityRequest request) => (request.AuthorAskedForAnonymity, request.TenantAllowsAnonymity) switch
    {
        (false, _) => AnonymityDecision.StoreAs(AuthorStorage.Named),
        (true, true) => AnonymityDecision.StoreAs(fullyAnonymous ? AuthorStorage.FullyAnonymous : AuthorStorage.AnonymousToPublic),
        (true, false) => AnonymityDecision.Refused("This site does not allow anonymous posting: untick \"post anonymously\" to post under your name."),
    };
}
#endif
