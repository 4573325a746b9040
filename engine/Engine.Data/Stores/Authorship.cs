using Engine.Core.Moderation;

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
    };
}
