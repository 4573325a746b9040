using Dapper;
using Engine.Core.Comments;
using Engine.Core.Ideas;
using Engine.Core.Imports;
using Engine.Core.Moderation;
using Engine.Core.Stats;
using Engine.Data.Stores;

namespace Engine.Data.Tests;

/// <summary>
/// The numbers counted from the counters kept on write (StatsQuery) equal a count of the rows themselves, the way they were
/// counted before (<see cref="RowCount"/>, the oracle), after every step of a random but repeatable life of a site: posts
/// named, anonymous and fully anonymous, comments, votes changed and taken back, moderation, merges and their undoing,
/// blocks, imports, deleted members and challenges made private.
/// </summary>
public class StatsCountersTests : IAsyncLifetime
{
    private const string T = "t1";
    private static readonly DateTimeOffset Now = StoreFixture.Now;
    private static readonly ModerationState[] AnyState = Enum.GetValues<ModerationState>();
    private readonly StoreFixture _store = new();
    private readonly List<long> _challenges = [], _members = [], _ideas = [], _comments = [];
    private readonly Dictionary<(long Idea, long Member), int> _votes = [];
    private ModerationStore _moderation = null!;
    private int _carriedAtMost;
    private MergeStore _merges = null!;

    public async Task InitializeAsync()
    {
        await _store.InitializeAsync();
        _moderation = new ModerationStore(_store.Db);
        _merges = new MergeStore(_store.Db);
        foreach (var slug in new[] { "waiting-well", "home-first", "staff-only" })
            _challenges.Add((await _store.ChallengeAsync(T, slug)).Id);
        for (var i = 0; i < 12; i++) _members.Add((await _store.MemberAsync(T, $"member{i}")).Id);
        // Another tenant's rows are never counted here.
        var stranger = (await _store.MemberAsync("t2", "stranger")).Id;
        var theirs = await _store.IdeaAsync("t2", (await _store.ChallengeAsync("t2")).Id, stranger);
        await _store.Votes.CastAsync("t2", theirs, stranger, 1, Now);
    }

    public Task DisposeAsync() => _store.DisposeAsync();

    [Fact]
    public async Task After_every_step_of_a_random_life_the_kept_counters_give_the_numbers_a_count_of_the_rows_gives()
    {
        var random = new Random(22);
        for (var step = 0; step < 300; step++)
        {
            var what = await StepAsync(random);
            foreach (var challenge in _challenges.Cast<long?>().Append(null))
                (await Counters(challenge)).Should().Be(await RowCount(challenge), $"step {step} ({what}), challenge {challenge?.ToString() ?? "site"}");
        }
        _votes.Should().NotBeEmpty("the life had votes standing at its end");
        _carriedAtMost.Should().BePositive("merges carried votes");
        (await RowCount(null)).Should().Match<SiteStats>(s => s.Ideas > 0 && s.Comments > 0 && s.Votes > 0 && s.ImportedIdeas > 0);
    }

    private async Task<string> StepAsync(Random random)
    {
        TItem Pick<TItem>(IReadOnlyList<TItem> from) => from[random.Next(from.Count)];
        var member = Pick(_members);
        switch (random.Next(14))
        {
            case 0 or 1:
                _ideas.Add(await _store.Ideas.AddAsync(T, Pick(_challenges), Admission(random, member), new NewIdea("An idea", "Body"), Now));
                return "idea";
            case 2 or 3 when _ideas.Count > 0:
                _comments.Add(await _store.Comments.AddAsync(T, Pick(_ideas), Admission(random, member), new NewComment("A comment", null), Now));
                return "comment";
            case 4 or 5 or 6 when _ideas.Count > 0:
                var idea = Pick(_ideas);
                var value = random.Next(2) == 0 ? 1 : -1;
                await _store.Votes.CastAsync(T, idea, member, value, Now);
                _votes[(idea, member)] = value;
                return "vote";
            case 7 when _votes.Count > 0:
                var vote = Pick(_votes.Keys.ToList());
                await _store.Votes.RemoveAsync(T, vote.Idea, vote.Member);
                _votes.Remove(vote);
                return "vote taken back";
            case 8 when _ideas.Count > 0:
                await _moderation.SetStateAsync(T, Engine.Sdk.ContributionKind.Idea, Pick(_ideas), AnyState, Pick(AnyState), null, member, Now);
                return "idea moderated";
            case 9 when _comments.Count > 0:
                await _moderation.SetStateAsync(T, Engine.Sdk.ContributionKind.Comment, Pick(_comments), AnyState, Pick(AnyState), null, member, Now);
                return "comment moderated";
            case 10 when _ideas.Count > 1:
                var (kept, duplicate) = (Pick(_ideas), Pick(_ideas));
                if (kept != duplicate && await _merges.MergeAsync(T, kept, duplicate, member, Now))
                {
                    ForgetVotesNotStanding();
                    await using var c = _store.Db.OpenReader();
                    _carriedAtMost = Math.Max(_carriedAtMost, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM carried_votes WHERE tenant_id = @T", new { T }));
                }
                return "merge";
            case 11 when _ideas.Count > 0:
                if (await _merges.UndoAsync(T, Pick(_ideas)) is not null) ForgetVotesNotStanding();
                return "merge undone";
            case 12:
                if (random.Next(2) == 0) await _moderation.BlockAsync(T, member, anonymousToo: random.Next(2) == 0);
                else await _moderation.UnblockAsync(T, member);
                return "block";
            default:
                return random.Next(4) switch
                {
                    0 => await PrivateOrPublicAsync(Pick(_challenges), random.Next(2) == 0),
                    1 => await ImportAsync(Pick(_challenges), random),
                    2 when _members.Count > 4 => await DeleteAsync(member, random.Next(2) == 0),
                    _ => "nothing",
                };
        }
    }

    private static Admission Admission(Random random, long member)
    {
        var state = random.Next(5) == 0 ? ModerationState.Held : ModerationState.Published;
        return random.Next(3) switch
        {
            0 => new(new Authorship(member, null, false), state, null),
            1 => new(new Authorship(member, null, true), state, null),
            _ => new(new Authorship(null, StoreFixture.Keys.KeyFor(T, member), true), state, null),
        };
    }

    private async Task<string> PrivateOrPublicAsync(long challenge, bool everyone)
    {
        await _store.Db.WriteAsync(T, (c, tx) => c.Execute("UPDATE challenges SET audience = @audience WHERE tenant_id = @T AND id = @challenge",
            new { T, challenge, audience = everyone ? "everyone" : "members" }, tx));
        return everyone ? "challenge public" : "challenge private";
    }

    private async Task<string> ImportAsync(long challenge, Random random)
    {
        var key = random.Next().ToString();
        var rows = new List<RowToImport>
        {
            new($"{key}-idea", ImportRowType.Idea, "i1", challenge, "An idea from a workshop", "Body", "", Now),
            new($"{key}-comment", ImportRowType.Comment, "c1", challenge, "", "A comment from the workshop", "i1", Now),
        };
        var result = await new ImportStore(_store.Db).ImportAsync(T, new NewImport(new ImportSource("Workshop", new DateOnly(2026, 11, 1), null),
            "workshop.csv", key, rows, _members[0], Now, null));
        await using var c = _store.Db.OpenReader();
        _ideas.AddRange(await c.QueryAsync<long>("SELECT id FROM ideas WHERE tenant_id = @T AND source_id = @SourceId", new { T, result.SourceId }));
        _comments.AddRange(await c.QueryAsync<long>("SELECT id FROM comments WHERE tenant_id = @T AND source_id = @SourceId", new { T, result.SourceId }));
        return "import";
    }

    private async Task<string> DeleteAsync(long member, bool withContributions)
    {
        await new MemberDataStore(_store.Db).DeleteAsync(T, member, StoreFixture.Keys.KeyFor(T, member), withContributions, "Former member", Now);
        _members.Remove(member);
        await using var c = _store.Db.OpenReader();
        var ideas = (await c.QueryAsync<long>("SELECT id FROM ideas WHERE tenant_id = @T", new { T })).ToHashSet();
        var comments = (await c.QueryAsync<long>("SELECT id FROM comments WHERE tenant_id = @T", new { T })).ToHashSet();
        _ideas.RemoveAll(id => !ideas.Contains(id));
        _comments.RemoveAll(id => !comments.Contains(id));
        ForgetVotesNotStanding();
        return withContributions ? "member deleted with what they posted" : "member deleted";
    }

    /// <summary>The votes standing, read again after a write that moves several (a merge, its undoing, a deletion).</summary>
    private void ForgetVotesNotStanding()
    {
        using var c = _store.Db.OpenReader();
        var standing = c.Query<(long Idea, long Member, long Value)>("SELECT idea_id, member_id, value FROM votes WHERE tenant_id = @T", new { T });
        _votes.Clear();
        foreach (var v in standing) _votes[(v.Idea, v.Member)] = (int)v.Value;
    }

    private Task<SiteStats> Counters(long? challenge) => challenge is { } id ? _store.Stats.ForChallengeAsync(T, id) : _store.Stats.GetAsync(T);

    /// <summary>The numbers as StatsQuery counted them before the counters: every public row read, and the people among their authors and voters.</summary>
    private async Task<SiteStats> RowCount(long? challengeId)
    {
        const string ideas = "FROM ideas i WHERE i.tenant_id = @T AND i.moderation = 'published'";
        const string comments = """
            FROM comments k JOIN ideas i ON i.tenant_id = k.tenant_id AND i.id = k.idea_id
            WHERE k.tenant_id = @T AND k.moderation = 'published' AND i.moderation = 'published'
            """;
        const string votes = """
            FROM votes v JOIN ideas i ON i.tenant_id = v.tenant_id AND i.id = v.idea_id
            WHERE v.tenant_id = @T AND i.moderation = 'published'
              AND NOT EXISTS (SELECT 1 FROM carried_votes cv WHERE cv.tenant_id = v.tenant_id AND cv.idea_id = v.idea_id AND cv.member_id = v.member_id)
            """;
        var only = challengeId is null
            ? " AND i.challenge_id IN (SELECT ch.id FROM challenges ch WHERE ch.tenant_id = @T AND ch.audience = 'everyone')"
            : " AND i.challenge_id = @challengeId";
        var args = new { T, challengeId };
        await using var c = _store.Db.OpenReader();
        var n = await c.QuerySingleAsync<(long Ideas, long Comments, long Votes, long ImportedIdeas, long ImportedComments, long Sources)>($"""
            SELECT (SELECT COUNT(*) {ideas}{only}), (SELECT COUNT(*) {comments}{only}), (SELECT COUNT(*) {votes}{only}),
                (SELECT COUNT(*) {ideas}{only} AND i.source_id IS NOT NULL), (SELECT COUNT(*) {comments}{only} AND k.source_id IS NOT NULL),
                (SELECT COUNT(DISTINCT src) FROM (SELECT i.source_id AS src {ideas}{only} AND i.source_id IS NOT NULL
                    UNION SELECT k.source_id {comments}{only} AND k.source_id IS NOT NULL) AS sources)
            """, args);
        var participants = await c.QueryAsync<(long? MemberId, string? AuthorKey)>($"""
            SELECT i.author_id, CASE WHEN i.author_id IS NULL THEN i.author_key END {ideas}{only} AND i.source_id IS NULL
            UNION SELECT k.author_id, CASE WHEN k.author_id IS NULL THEN k.author_key END {comments}{only} AND k.source_id IS NULL
            UNION SELECT v.member_id, NULL {votes}{only}
            """, args);
        var blocked = (await c.QueryAsync<long>("SELECT id FROM members WHERE tenant_id = @T AND blocked = 1", args)).ToHashSet();
        var blockedKeys = blocked.Select(m => StoreFixture.Keys.KeyFor(T, m)).ToHashSet();
        var people = Numbers.People(participants
            .Where(p => p.MemberId is { } id ? !blocked.Contains(id) : p.AuthorKey is null || !blockedKeys.Contains(p.AuthorKey))
            .Select(p => new Participant(p.MemberId, p.AuthorKey)), m => StoreFixture.Keys.KeyFor(T, m));
        return new SiteStats(people, (int)n.Ideas, (int)n.Comments, (int)n.Votes, (int)n.ImportedIdeas, (int)n.ImportedComments, (int)n.Sources);
    }
}
