using Dapper;
using Engine.Core.Imports;
using Engine.Data.Stores;

namespace Engine.Data.Tests;

/// <summary>The import store (all or nothing, idempotent, per tenant) and the export snapshot (one moment for every dataset).</summary>
public class DataExchangeStoreTests : IAsyncLifetime
{
    private readonly StoreFixture _store = new();
    private ImportStore Imports => new(_store.Db);
    private ExportStore Exports => new(_store.Db);
    private static readonly ImportSource Session = new("Connect session", new DateOnly(2026, 5, 12), "Jo Bloggs");

    public Task InitializeAsync() => _store.InitializeAsync();
    public Task DisposeAsync() => _store.DisposeAsync();

    private static RowToImport Idea(string key, long challengeId) =>
        new($"row-{key}", ImportRowType.Idea, key, challengeId, $"Imported idea {key}", "From the session", "", StoreFixture.Now);

    private static RowToImport Comment(string key, string parent, long challengeId) =>
        new($"row-{key}", ImportRowType.Comment, key, challengeId, "", $"Comment {key}", parent, StoreFixture.Now);

    private static NewImport File(string hash, params RowToImport[] rows) => new(Session, "may.csv", hash, rows, 1, StoreFixture.Now, null);

    private async Task<long> CountAsync(string sql)
    {
        await using var c = _store.Db.OpenReader();
        return await c.ExecuteScalarAsync<long>(sql);
    }

    [Fact]
    public async Task An_import_writes_its_ideas_and_comments_with_their_source_and_the_same_file_or_rows_again_add_nothing()
    {
        var admin = await _store.MemberAsync("t1", "admin");
        var challenge = await _store.ChallengeAsync("t1");
        var first = await Imports.ImportAsync("t1", File("hash-a", Idea("1", challenge.Id), Comment("2", "1", challenge.Id)) with { ActorId = admin.Id });
        first.Should().Match<ImportResult>(r => r.SourceId != null && r.IdeasAdded == 1 && r.CommentsAdded == 1 && r.AlreadyImported == 0);

        var ideaId = await CountAsync("SELECT id FROM ideas WHERE tenant_id = 't1'");
        var idea = (await _store.Ideas.FindAsync("t1", ideaId))!;
        idea.Should().Match<Core.Ideas.Idea>(i => i.Author == null && !i.Anonymous && i.CommentCount == 1
            && i.Source == "From Connect session, 12 May 2026, facilitated by Jo Bloggs");
        (await _store.Comments.ListForIdeaAsync("t1", ideaId)).Should().ContainSingle().Which.Source.Should().StartWith("From Connect session");

        (await Imports.ImportAsync("t1", File("hash-a", Idea("1", challenge.Id)))).Should().Be(new ImportResult(null, 0, 0, 1), "the same file");
        (await Imports.ImportAsync("t1", File("hash-b", Idea("1", challenge.Id), Comment("3", "1", challenge.Id))))
            .Should().Match<ImportResult>(r => r.IdeasAdded == 0 && r.CommentsAdded == 1 && r.AlreadyImported == 1, "only the new row of a longer file");
        (await _store.Ideas.FindAsync("t1", ideaId))!.CommentCount.Should().Be(2, "the new comment is on the idea imported before");
        (await Imports.FindByHashAsync("t1", "hash-a"))!.Should().Match<ImportedBatch>(b => b.Ideas == 1 && b.Comments == 1 && b.ImportedBy == "admin");
        (await Imports.ListAsync("t1")).Should().HaveCount(2);

        var stats = await _store.Stats.GetAsync("t1");
        (stats.Ideas, stats.ImportedIdeas, stats.ImportedComments, stats.Sources, stats.People).Should().Be((1, 1, 2, 2, 0));
    }

    [Fact]
    public async Task Imports_and_their_keys_belong_to_one_tenant()
    {
        var t1 = await _store.ChallengeAsync("t1");
        var t2 = await _store.ChallengeAsync("t2");
        await Imports.ImportAsync("t1", File("same-hash", Idea("1", t1.Id)));
        (await Imports.ImportAsync("t2", File("same-hash", Idea("1", t2.Id)))).IdeasAdded.Should().Be(1, "another site may import the same file");
        (await Imports.FindByHashAsync("t2", "nothing-here")).Should().BeNull();
        (await Imports.ImportedKeysAsync("t1", ["row-1", "row-9"])).Should().BeEquivalentTo(["row-1"]);
    }

    [Fact]
    public async Task A_failure_part_way_through_an_import_leaves_nothing_behind()
    {
        var challenge = await _store.ChallengeAsync("t1");
        // A comment whose idea is in no file and was never imported: the store cannot place it, and throws.
        var act = () => Imports.ImportAsync("t1", File("hash-x", Idea("1", challenge.Id), Comment("2", "missing", challenge.Id)));
        await act.Should().ThrowAsync<KeyNotFoundException>();
        (await CountAsync("SELECT COUNT(*) FROM ideas")).Should().Be(0);
        (await CountAsync("SELECT COUNT(*) FROM import_sources")).Should().Be(0);
        (await CountAsync("SELECT COUNT(*) FROM imported_rows")).Should().Be(0);
    }

    [Fact]
    public async Task A_staged_upload_keeps_its_bytes_and_goes_when_imported_or_a_day_old()
    {
        var challenge = await _store.ChallengeAsync("t1");
        byte[] bytes = [0xEF, 0xBB, 0xBF, (byte)'a', 0x00, 0xFF];
        var old = await Imports.StageAsync("t1", "old.csv", bytes, 1, StoreFixture.Now.AddDays(-2));
        var id = await Imports.StageAsync("t1", "may.csv", bytes, 1, StoreFixture.Now);
        (await Imports.FindStagedAsync("t1", id))!.Content.Should().Equal(bytes);
        (await Imports.FindStagedAsync("t1", old)).Should().BeNull("uploads older than a day are dropped");
        (await Imports.FindStagedAsync("t2", id)).Should().BeNull();
        await Imports.ImportAsync("t1", File("hash-s", Idea("1", challenge.Id)) with { UploadId = id });
        (await Imports.FindStagedAsync("t1", id)).Should().BeNull();
    }

    [Fact]
    public async Task An_export_reads_one_snapshot_even_while_votes_are_cast()
    {
        var challenge = await _store.ChallengeAsync("t1");
        var author = await _store.MemberAsync("t1", "author");
        var voter = await _store.MemberAsync("t1", "voter");
        var idea = await _store.IdeaAsync("t1", challenge.Id, author.Id);

        await using var snapshot = await Exports.OpenAsync("t1", null);
        var before = await snapshot.IdeasAsync().ToListAsync();
        await _store.Votes.CastAsync("t1", idea, voter.Id, 1, StoreFixture.Now);
        await _store.IdeaAsync("t1", challenge.Id, author.Id, title: "Posted during the export");

        before.Should().ContainSingle().Which.Up.Should().Be(0);
        (await snapshot.VotesAsync().ToListAsync()).Should().ContainSingle().Which.Should().Match<Core.Exports.ExportedVoteTally>(v => v.Up == 0 && v.Voters == 0,
            "the tallies are read at the same moment as the ideas");
        (await snapshot.IdeasAsync().ToListAsync()).Should().ContainSingle("the idea posted meanwhile is not in this export");

        await using var later = await Exports.OpenAsync("t1", null);
        (await later.VotesAsync().ToListAsync()).Single(v => v.IdeaId == idea).Up.Should().Be(1);
    }
    [Fact]
    public async Task An_export_gives_each_theme_its_published_ideas_and_each_big_idea_its_themes_in_order_empty_ones_too()
    {
        var challenge = await _store.ChallengeAsync("t1");
        var other = await _store.ChallengeAsync("t1", "other");
        var author = await _store.MemberAsync("t1", "author");
        var theming = new ThemingStore(_store.Db);
        var ideas = new List<long>();
        for (var i = 0; i < 4; i++) ideas.Add(await _store.IdeaAsync("t1", challenge.Id, author.Id, title: $"Idea {i}"));
        var full = await theming.AddThemeAsync("t1", challenge.Id, "Keeping people informed", "Texts", StoreFixture.Now);
        var empty = await theming.AddThemeAsync("t1", challenge.Id, "Nothing yet", "", StoreFixture.Now);
        var last = await theming.AddThemeAsync("t1", challenge.Id, "Waiting rooms", "", StoreFixture.Now);
        var elsewhere = await theming.AddThemeAsync("t1", other.Id, "Another challenge's", "", StoreFixture.Now);
        foreach (var idea in new[] { ideas[2], ideas[0], ideas[1] }) await theming.AddIdeaAsync("t1", full, idea, StoreFixture.Now);
        await theming.AddIdeaAsync("t1", last, ideas[3], StoreFixture.Now);
        // Hidden by a moderator after it was themed: an export shows no hidden idea, even by its id.
        await _store.Db.WriteAsync("t1", (c, tx) => c.Execute("UPDATE ideas SET moderation = 'hidden' WHERE tenant_id = 't1' AND id = @id", new { id = ideas[1] }, tx));
        var big = await theming.AddBigIdeaAsync("t1", challenge.Id, "A text service", "Summary", "Described", StoreFixture.Now);
        var lonely = await theming.AddBigIdeaAsync("t1", challenge.Id, "Not yet themed", "", "", StoreFixture.Now);
        await theming.SetBigIdeaAsync("t1", last, big, StoreFixture.Now);
        await theming.SetBigIdeaAsync("t1", full, big, StoreFixture.Now);

        await using var snapshot = await Exports.OpenAsync("t1", challenge.Id);
        (await snapshot.ThemesAsync().ToListAsync()).Select(t => (t.Id, t.Title, t.BigIdeaId, string.Join(' ', t.IdeaIds))).Should().Equal(
            (full, "Keeping people informed", big, $"{ideas[0]} {ideas[2]}"), (empty, "Nothing yet", null, ""), (last, "Waiting rooms", big, $"{ideas[3]}"));
        (await snapshot.BigIdeasAsync().ToListAsync()).Select(b => (b.Id, b.Description, string.Join(' ', b.ThemeIds))).Should().Equal(
            (big, "Described", $"{full} {last}"), (lonely, "", ""));
        await using var site = await Exports.OpenAsync("t1", null);
        (await site.ThemesAsync().ToListAsync()).Select(t => t.Id).Should().Equal(full, empty, last, elsewhere);
    }
}
