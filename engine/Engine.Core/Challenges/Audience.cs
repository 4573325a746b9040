namespace Engine.Core.Challenges;

/// <summary>tenant.json's and the admin page's "audience" of a challenge: who may see it at all.</summary>
public enum AudienceKind
{
    /// <summary>Anyone, signed in or not (every challenge until it is told otherwise).</summary>
    Everyone,
    /// <summary>Members of the site who are signed in.</summary>
    Members,
    /// <summary>Members of the groups the challenge names (a trust, a team).</summary>
    Groups,
    /// <summary>Members who opened one of the challenge's invite links.</summary>
    Invited,
}

/// <summary>
/// Who may see a challenge. Outside its audience a private challenge does not exist: not its title, not its ideas, not its
/// counts. Staff (moderators and admins) are in every audience, as they moderate every challenge.
/// </summary>
public sealed record Audience(AudienceKind Kind, IReadOnlyList<string> Groups)
{
    public static readonly Audience Everyone = new(AudienceKind.Everyone, []);

    public bool IsEveryone => Kind == AudienceKind.Everyone;

    /// <summary>
    /// The group an invite link of challenge <paramref name="slug"/> puts people in: an invited audience is a group of its
    /// own, so invite links, expiry and revoking work the same for a challenge as for a group.
    /// </summary>
    public static string InvitedGroup(string slug) => $"invited-to-{slug}";

    /// <summary>The groups whose members are in this audience.</summary>
    public IReadOnlyList<string> GroupsFor(string slug) => Kind switch
    {
        AudienceKind.Groups => Groups,
        AudienceKind.Invited => [InvitedGroup(slug)],
        _ => [],
    };

    /// <summary>"everyone", "members", "groups:trust-a,team-b" or "invited": as the store keeps it.</summary>
    public override string ToString() => Kind == AudienceKind.Groups
        ? $"groups:{string.Join(',', Groups)}" : Kind.ToString().ToLowerInvariant();

    public static Audience Parse(string? stored)
    {
        if (string.IsNullOrEmpty(stored)) return Everyone;
        var (kind, groups) = stored.IndexOf(':') is var colon and >= 0 ? (stored[..colon], stored[(colon + 1)..]) : (stored, "");
        return new(Enum.Parse<AudienceKind>(kind, ignoreCase: true), groups.Split(',', StringSplitOptions.RemoveEmptyEntries));
    }
}

/// <summary>
/// Who is asking to see the site: a visitor, a member (with the groups they are in) or staff. Every page and API call has
/// one; work done outside a request (emails, digests) sees as a visitor unless it asks for a member's view.
/// </summary>
public sealed record Viewer(long? MemberId, bool IsStaff, IReadOnlySet<string> Groups)
{
    public static readonly Viewer Visitor = new(null, false, new HashSet<string>());

    public bool Sees(Challenge challenge) => challenge.Audience.Kind switch
    {
        AudienceKind.Everyone => true,
        _ when IsStaff => true,
        AudienceKind.Members => MemberId is not null,
        _ => MemberId is not null && challenge.Audience.GroupsFor(challenge.Slug).Any(Groups.Contains),
    };
}

/// <summary>Who is asking, for this request; outside a request, a visitor. Engine.Web answers it from the signed-in member.</summary>
public interface IViewers
{
    ValueTask<Viewer> CurrentAsync(string tenantId, CancellationToken ct = default);

    /// <summary>How a member sees the site, for what is sent to them (emails) rather than asked for.</summary>
    ValueTask<Viewer> OfMemberAsync(string tenantId, long memberId, CancellationToken ct = default);
}

/// <summary>Where nobody is asking (a command-line tool, the rules tested on their own): everyone is a visitor, so nothing private shows.</summary>
public sealed class NobodyAsking : IViewers
{
    public static readonly NobodyAsking Instance = new();

    public ValueTask<Viewer> CurrentAsync(string tenantId, CancellationToken ct = default) => ValueTask.FromResult(Viewer.Visitor);

    public ValueTask<Viewer> OfMemberAsync(string tenantId, long memberId, CancellationToken ct = default) => ValueTask.FromResult(Viewer.Visitor);
}
