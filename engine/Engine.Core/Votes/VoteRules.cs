using Engine.Core.Common;
using Engine.Core.Tenancy;

namespace Engine.Core.Votes;

/// <summary>The counts after a vote, and the member's own vote (0 when they have none).</summary>
public sealed record VoteTally(int Up, int Down, int MyVote);

public static class VoteRules
{
    public static Error? Check(int value, TenantFeatures features) => value switch
    {
        1 => null,
        -1 when features.DownVotes => null,
        -1 => Error.Forbidden("This site does not use thumbs-down votes.", "value"),
        _ => Error.Invalid("value", $"A vote must be 1 (up) or -1 (down), not {value}."),
    };
}
