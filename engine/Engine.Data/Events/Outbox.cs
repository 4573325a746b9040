using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Engine.Core.Events;
using Engine.Data.GroupCommit;

namespace Engine.Data.Events;

/// <summary>
/// What an event says beyond its kind, stream and number: stored as the outbox row's payload, read back into the SDK's
/// SiteEvent. Authors appear only by the name the public sees (null for an anonymous contribution); never who voted.
/// </summary>
public sealed record EventFacts
{
    public long? ChallengeId { get; init; }
    public long? IdeaId { get; init; }
    public long? CommentId { get; init; }
    public string? Title { get; init; }
    public string? Author { get; init; }
    public int? Value { get; init; }
    public int? Up { get; init; }
    public int? Down { get; init; }
    public string? Status { get; init; }
    public string? Note { get; init; }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
}

/// <summary>
/// Writes events into the outbox inside the transaction of the change they tell of, so an event exists exactly when its
/// change was committed (a write that rolls back leaves no event). Only for sites with event handlers
/// (<see cref="IEventSubscribers"/>).
/// </summary>
public static class Outbox
{
    private static readonly string[] StreamKeys = ["tenantId", "stream"];
    private static readonly string[] Row = ["tenantId", "stream", "seq", "kind", "payload", "now"];

    public static string IdeaStream(long ideaId) => $"idea/{ideaId}";
    public static string ChallengeStream(long challengeId) => $"challenge/{challengeId}";

    /// <summary>True when a write for this tenant should record its event (some plugin on the site wants events).</summary>
    public static bool Wanted(this IEventSubscribers? subscribers, string? tenantId) => tenantId is not null && subscribers?.Any(tenantId) == true;

    /// <summary>
    /// Takes the stream's next number and writes the event. Taking the number locks the stream's row until the commit, so
    /// on PostgreSQL a second transaction on the same idea waits here and numbers its event after this one's.
    /// </summary>
    public static void Record(DbConnection c, DbTransaction tx, string tenantId, string stream, string kind, EventFacts facts, DateTimeOffset now)
    {
        var seq = Convert.ToInt64(KeptCommands.Command(c, tx, NextInStream, StreamKeys, tenantId, stream).ExecuteScalar());
        KeptCommands.Command(c, tx, Insert, Row, tenantId, stream, seq, kind, JsonSerializer.Serialize(facts, EventFacts.Json), now.ToUnixMs()).ExecuteNonQuery();
    }

    internal const string NextInStream = """
        INSERT INTO event_streams (tenant_id, stream, last_seq) VALUES (@tenantId, @stream, 1)
        ON CONFLICT (tenant_id, stream) DO UPDATE SET last_seq = event_streams.last_seq + 1
        RETURNING last_seq
        """;

    private const string Insert = """
        INSERT INTO event_outbox (tenant_id, stream, seq, kind, payload, created_at, next_attempt_at)
        VALUES (@tenantId, @stream, @seq, @kind, @payload, @now, @now)
        """;

    /// <summary>An idea as its events describe it, read in the write's transaction: the author's name only where the public sees it.</summary>
    public static EventFacts Idea(DbConnection c, DbTransaction tx, string tenantId, long ideaId) =>
        c.QuerySingle<EventFacts>("""
            SELECT i.challenge_id AS ChallengeId, i.id AS IdeaId, i.title AS Title, m.display_name AS Author
            FROM ideas i LEFT JOIN members m ON m.tenant_id = i.tenant_id AND m.id = i.author_id AND i.anonymous = 0
            WHERE i.tenant_id = @tenantId AND i.id = @ideaId
            """, new { tenantId, ideaId }, tx);

    /// <summary>A comment as its event describes it: its idea's title, and the comment's author only where the public sees them.</summary>
    public static EventFacts Comment(DbConnection c, DbTransaction tx, string tenantId, long commentId) =>
        c.QuerySingle<EventFacts>("""
            SELECT i.challenge_id AS ChallengeId, i.id AS IdeaId, k.id AS CommentId, i.title AS Title, m.display_name AS Author
            FROM comments k JOIN ideas i ON i.tenant_id = k.tenant_id AND i.id = k.idea_id
            LEFT JOIN members m ON m.tenant_id = k.tenant_id AND m.id = k.author_id AND k.anonymous = 0
            WHERE k.tenant_id = @tenantId AND k.id = @commentId
            """, new { tenantId, commentId }, tx);
}
