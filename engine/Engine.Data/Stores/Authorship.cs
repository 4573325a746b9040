using Dapper;
using Engine.Core.Anonymity;
using Engine.Core.Moderation;
using Engine.Sdk;

namespace Engine.Data.Stores;

internal static class Stored
{
    public static string Name(this ModerationState state) => state == ModerationState.Held ? "held" : "published";

    /// <summary>The columns that say who wrote a contribution, as the anonymity policy decided.</summary>
    public static object AuthorColumns(Admission a) => new
    {
        authorId = a.Author.MemberId,
        authorKey = a.Author.AuthorKey,
        anonymous = a.Author.Anonymous,
        moderation = a.State.Name(),
        moderationReason = a.Reason,
        holdText = a.Text?.ToJson(),
    };

    /// <summary>
    /// The admission as the anonymity policy in force lets it be stored (<see cref="IAnonymityPromise"/>). The challenge
    /// is read only for an anonymous author with a member link, the one case the policy can change.
    /// </summary>
    public static async Task<Admission> KeptAsync(this IAnonymityPromise promise, Database db, string tenantId, ContributionKind kind,
        string challengeSlugSql, object args, Admission a, CancellationToken ct)
    {
        if (!a.Author.Anonymous || a.Author.MemberId is null) return a;
        await using var c = db.OpenReader();
        var slug = await c.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(challengeSlugSql, args, cancellationToken: ct));
        return a with { Author = promise.Keep(tenantId, slug, kind, a.Author) };
    }
}
