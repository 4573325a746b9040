using Engine.Core.Challenges;

namespace Engine.Web.Pages.Admin;

/// <summary>A challenge's state and audience as the challenge pages word them, in the page's language.</summary>
public static class ChallengeWords
{
    /// <summary>"Draft", "Open", "Closed", "Archived".</summary>
    public static string ChallengeStateName(this HttpContext context, ChallengeState state) =>
        context.Words("admin.challenges.state-" + state.ToString().ToLowerInvariant());

    /// <summary>What choosing the state means, under its radio.</summary>
    public static string ChallengeStateHint(this HttpContext context, ChallengeState state) =>
        context.Words("admin.challenge-edit.state-" + state.ToString().ToLowerInvariant() + "-hint");

    /// <summary>"Everyone", "Signed-in members", "Members of groups", "People with an invite link".</summary>
    public static string Audience(this HttpContext context, AudienceKind audience) =>
        context.Words("admin.challenge-edit.audience-" + audience.ToString().ToLowerInvariant());

    public static string AudienceHint(this HttpContext context, AudienceKind audience) =>
        context.Words("admin.challenge-edit.audience-" + audience.ToString().ToLowerInvariant() + "-hint");
}
