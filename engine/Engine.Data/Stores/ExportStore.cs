using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Engine.Core.Exports;
using Microsoft.Data.Sqlite;

namespace Engine.Data.Stores;

/// <summary>
/// Reads exports from one snapshot: every dataset of an export sees the same moment, even while people vote.
/// Published content only. The author's name is joined only for contributions that were not anonymous; an anonymous
/// one's author_id and author_key are never selected, so they cannot reach an export by mistake.
/// </summary>
public sealed class ExportStore(Database db) : IExportSource
{
    public Task<IExportSnapshot> OpenAsync(string tenantId, long? challengeId, CancellationToken ct = default)
    {
        var c = db.OpenReader();
        try
        {
            // SQLite: a deferred transaction reads one snapshot (WAL) and never takes the write lock, which
            // BeginTransaction()'s BEGIN IMMEDIATE would. PostgreSQL: REPEATABLE READ is a snapshot.
            DbTransaction tx = db.Dialect == SqlDialect.Sqlite
                ? ((SqliteConnection)c).BeginTransaction(deferred: true)
                : c.BeginTransaction(IsolationLevel.RepeatableRead);
            return Task.FromResult<IExportSnapshot>(new Snapshot(c, tx, tenantId, challengeId));
        }
        catch
        {
            c.Dispose();
            throw;
        }
    }

    private sealed class Snapshot(DbConnection c, DbTransaction tx, string tenantId, long? challengeId) : IExportSnapshot
    {
        private object Args => new { tenantId, challengeId };
        private string InChallenge(string alias) => challengeId is null ? "" : $" AND {alias}.challenge_id = @challengeId";

        public async IAsyncEnumerable<ExportedIdea> IdeasAsync([EnumeratorCancellation] CancellationToken ct = default)
        {
            var rows = c.QueryUnbufferedAsync<IdeaRow>($"""
                SELECT i.id, c.slug AS challenge, i.title, i.body, i.status, m.display_name AS author, i.anonymous, i.created_at,
                       COALESCE(n.up_count, 0) AS up_count, COALESCE(n.down_count, 0) AS down_count, COALESCE(n.voter_count, 0) AS voter_count,
                       i.comment_count, i.merged_into, s.name AS source_name, s.held_on AS source_held_on, s.facilitator AS source_facilitator, i.language,
                       i.category, named.answers
                FROM ideas i
                JOIN challenges c ON c.tenant_id = i.tenant_id AND c.id = i.challenge_id
                LEFT JOIN idea_counts n ON n.tenant_id = i.tenant_id AND n.idea_id = i.id
                LEFT JOIN members m ON m.tenant_id = i.tenant_id AND m.id = i.author_id AND i.anonymous = 0
                LEFT JOIN import_sources s ON s.tenant_id = i.tenant_id AND s.id = i.source_id
                -- An anonymous author's answers describe them: joined, like the name, only for a named idea.
                LEFT JOIN ideas named ON named.tenant_id = i.tenant_id AND named.id = i.id AND i.anonymous = 0
                WHERE i.tenant_id = @tenantId AND i.moderation = 'published'{InChallenge("i")}
                ORDER BY i.id
                """, Args, tx);
            await foreach (var r in rows.WithCancellation(ct))
                yield return new ExportedIdea(r.Id, r.Challenge, r.Title, r.Body, r.Status, r.Anonymous != 0 ? null : r.Author, r.Anonymous != 0,
                    ImportedFrom.Describe(r.SourceName, r.SourceHeldOn, r.SourceFacilitator), Time.FromUnixMs(r.CreatedAt),
                    (int)r.UpCount, (int)r.DownCount, (int)r.VoterCount, (int)r.CommentCount, r.MergedInto, r.Language,
                    r.Category, StoredAnswers.Read(r.Category, r.Answers).Values);
        }

        public async IAsyncEnumerable<ExportedComment> CommentsAsync([EnumeratorCancellation] CancellationToken ct = default)
        {
            var rows = c.QueryUnbufferedAsync<CommentRow>($"""
                SELECT k.id, k.idea_id, c.slug AS challenge, k.parent_id, k.body, m.display_name AS author, k.anonymous, k.official, k.created_at,
                       s.name AS source_name, s.held_on AS source_held_on, s.facilitator AS source_facilitator, k.language
                FROM comments k
                JOIN ideas i ON i.tenant_id = k.tenant_id AND i.id = k.idea_id
                JOIN challenges c ON c.tenant_id = i.tenant_id AND c.id = i.challenge_id
                LEFT JOIN members m ON m.tenant_id = k.tenant_id AND m.id = k.author_id AND k.anonymous = 0
                LEFT JOIN import_sources s ON s.tenant_id = k.tenant_id AND s.id = k.source_id
                WHERE k.tenant_id = @tenantId AND k.moderation = 'published' AND i.moderation = 'published'{InChallenge("i")}
                ORDER BY k.id
                """, Args, tx);
            await foreach (var r in rows.WithCancellation(ct))
                yield return new ExportedComment(r.Id, r.IdeaId, r.Challenge, r.ParentId, r.Body, r.Anonymous != 0 ? null : r.Author, r.Anonymous != 0,
                    ImportedFrom.Describe(r.SourceName, r.SourceHeldOn, r.SourceFacilitator), r.Official != 0, Time.FromUnixMs(r.CreatedAt), r.Language);
        }

        public async IAsyncEnumerable<ExportedVoteTally> VotesAsync([EnumeratorCancellation] CancellationToken ct = default)
        {
            // Per idea only: a voter's id, or the order votes came in, never leaves the database.
            // The casts keep the sums 64-bit integers on PostgreSQL too (SUM of a BIGINT there is NUMERIC).
            var rows = c.QueryUnbufferedAsync<VoteRow>($"""
                SELECT i.id AS idea_id, c.slug AS challenge,
                       CAST(COALESCE(SUM(CASE WHEN v.value > 0 THEN 1 ELSE 0 END), 0) AS BIGINT) AS up,
                       CAST(COALESCE(SUM(CASE WHEN v.value < 0 THEN 1 ELSE 0 END), 0) AS BIGINT) AS down,
                       COUNT(v.member_id) AS voters, CAST(COALESCE(SUM(v.value), 0) AS BIGINT) AS points
                FROM ideas i
                JOIN challenges c ON c.tenant_id = i.tenant_id AND c.id = i.challenge_id
                LEFT JOIN votes v ON v.tenant_id = i.tenant_id AND v.idea_id = i.id
                WHERE i.tenant_id = @tenantId AND i.moderation = 'published'{InChallenge("i")}
                GROUP BY i.id, c.slug
                ORDER BY i.id
                """, Args, tx);
            await foreach (var r in rows.WithCancellation(ct))
                yield return new ExportedVoteTally(r.IdeaId, r.Challenge, (int)r.Up, (int)r.Down, (int)r.Voters, (int)r.Points);
        }

        public async IAsyncEnumerable<ExportedTheme> ThemesAsync([EnumeratorCancellation] CancellationToken ct = default)
        {
            // Each theme's rows in turn, one per idea in it (one with no idea for an empty theme), gathered as they come: a
            // national site's themes can hold every one of its ideas, which are not held here all at once.
            var rows = c.QueryUnbufferedAsync<GroupRow>($"""
                SELECT t.id, c.slug AS challenge, t.title, t.summary, t.big_idea_id AS parent_id, i.id AS member_id
                FROM idea_themes t
                JOIN challenges c ON c.tenant_id = t.tenant_id AND c.id = t.challenge_id
                LEFT JOIN idea_theme_ideas ti ON ti.tenant_id = t.tenant_id AND ti.theme_id = t.id
                LEFT JOIN ideas i ON i.tenant_id = ti.tenant_id AND i.id = ti.idea_id AND i.moderation = 'published'
                WHERE t.tenant_id = @tenantId{InChallenge("t")}
                ORDER BY t.id, ti.idea_id
                """, Args, tx);
            await foreach (var (t, ideas) in Grouped(rows, ct))
                yield return new ExportedTheme(t.Id, t.Challenge, t.Title, t.Summary, t.ParentId, ideas);
        }

        public async IAsyncEnumerable<ExportedBigIdea> BigIdeasAsync([EnumeratorCancellation] CancellationToken ct = default)
        {
            var rows = c.QueryUnbufferedAsync<GroupRow>($"""
                SELECT b.id, c.slug AS challenge, b.title, b.summary, b.description, t.id AS member_id
                FROM big_ideas b
                JOIN challenges c ON c.tenant_id = b.tenant_id AND c.id = b.challenge_id
                LEFT JOIN idea_themes t ON t.tenant_id = b.tenant_id AND t.big_idea_id = b.id
                WHERE b.tenant_id = @tenantId{InChallenge("b")}
                ORDER BY b.id, t.id
                """, Args, tx);
            await foreach (var (b, themes) in Grouped(rows, ct))
                yield return new ExportedBigIdea(b.Id, b.Challenge, b.Title, b.Summary, b.Description ?? "", themes);
        }

        /// <summary>Consecutive rows of one theme or big idea, as it and the ids of what it holds, in order.</summary>
        private static async IAsyncEnumerable<(GroupRow Row, List<long> Members)> Grouped(IAsyncEnumerable<GroupRow> rows,
            [EnumeratorCancellation] CancellationToken ct)
        {
            GroupRow? current = null;
            var members = new List<long>();
            await foreach (var r in rows.WithCancellation(ct))
            {
                if (current is not null && r.Id != current.Id)
                {
                    yield return (current, members);
                    members = [];
                }
                current = r;
                if (r.MemberId is { } id) members.Add(id);
            }
            if (current is not null) yield return (current, members);
        }

        public async IAsyncEnumerable<ExportedCode> CodesAsync([EnumeratorCancellation] CancellationToken ct = default)
        {
            // The codes on published ideas and on published comments of published ideas, as the coding page shows them.
            var rows = c.QueryUnbufferedAsync<CodeRow>($"""
                SELECT x.kind, x.target_id, i.id AS idea_id, c.slug AS challenge, x.code, COUNT(*) AS analysts
                FROM contribution_codes x
                LEFT JOIN comments k ON x.kind = 'comment' AND k.tenant_id = x.tenant_id AND k.id = x.target_id
                JOIN ideas i ON i.tenant_id = x.tenant_id AND i.id = CASE WHEN x.kind = 'idea' THEN x.target_id ELSE k.idea_id END
                JOIN challenges c ON c.tenant_id = i.tenant_id AND c.id = i.challenge_id
                WHERE x.tenant_id = @tenantId AND i.moderation = 'published' AND (x.kind = 'idea' OR k.moderation = 'published'){InChallenge("i")}
                GROUP BY x.kind, x.target_id, i.id, c.slug, x.code
                ORDER BY i.id, x.kind DESC, x.target_id, x.code
                """, Args, tx);
            await foreach (var r in rows.WithCancellation(ct))
                yield return new ExportedCode(r.Kind, r.TargetId, r.IdeaId, r.Challenge, r.Code, (int)r.Analysts);
        }

        // Properties, not a constructor: SQLite gives an aggregate over no rows no type, which a constructor's long would refuse.
        private sealed class CodeRow
        {
            public string Kind { get; set; } = "";
            public long TargetId { get; set; }
            public long IdeaId { get; set; }
            public string Challenge { get; set; } = "";
            public string Code { get; set; } = "";
            public long Analysts { get; set; }
        }

        public async ValueTask DisposeAsync()
        {
            await tx.DisposeAsync();
            await c.DisposeAsync();
        }
    }

    // Properties, not a positional record: where nothing matches, SQLite gives a computed column (COALESCE, SUM) no type,
    // and Dapper, which matches a positional record's constructor by the columns' types before reading a row, would
    // fail the export of a site with nothing posted yet.
    private sealed record IdeaRow
    {
        public long Id { get; init; }
        public string Challenge { get; init; } = "";
        public string Title { get; init; } = "";
        public string Body { get; init; } = "";
        public string Status { get; init; } = "";
        public string? Author { get; init; }
        public long Anonymous { get; init; }
        public long CreatedAt { get; init; }
        public long UpCount { get; init; }
        public long DownCount { get; init; }
        public long VoterCount { get; init; }
        public long CommentCount { get; init; }
        public long? MergedInto { get; init; }
        public string? SourceName { get; init; }
        public string? SourceHeldOn { get; init; }
        public string? SourceFacilitator { get; init; }
        public string? Language { get; init; }
        public string? Category { get; init; }
        public string? Answers { get; init; }
    }

    private sealed record CommentRow(long Id, long IdeaId, string Challenge, long? ParentId, string Body, string? Author, long Anonymous, long Official,
        long CreatedAt, string? SourceName, string? SourceHeldOn, string? SourceFacilitator, string? Language);

    // Properties for the same reason as IdeaRow's: its sums have no type where no idea matches.
    private sealed record VoteRow
    {
        public long IdeaId { get; init; }
        public string Challenge { get; init; } = "";
        public long Up { get; init; }
        public long Down { get; init; }
        public long Voters { get; init; }
        public long Points { get; init; }
    }

    // A theme (its big idea as ParentId) or a big idea, with one of the ideas or themes it holds; properties, as its left-joined
    // id is null for one that holds nothing.
    private sealed record GroupRow
    {
        public long Id { get; init; }
        public string Challenge { get; init; } = "";
        public string Title { get; init; } = "";
        public string Summary { get; init; } = "";
        public string? Description { get; init; }
        public long? ParentId { get; init; }
        public long? MemberId { get; init; }
    }
}
