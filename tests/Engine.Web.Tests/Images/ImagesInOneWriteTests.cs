using System.Net;
using System.Net.Http.Json;
using Dapper;
using Engine.Core.Members;
using Engine.Data;
using Engine.Web.Tests.Editing;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.Images;

/// <summary>
/// An idea's text and its images are one write: a new idea with images, or an edit with images, is stored whole or not at
/// all, on the pages and through the API, whether an image is refused or the database fails while writing it.
/// </summary>
public sealed class ImagesInOneWriteTests(EditingApp app) : IClassFixture<EditingApp>
{
    private const string NewIdeaForm = "/challenges/waiting-well/ideas/new", NewIdeaAction = "/challenges/waiting-well/ideas";
    private const string NewIdeaApi = "api/v1/challenges/waiting-well/ideas";
    /// <summary>The alt text the injected fault fails on: the database refuses the image row mid-write (see <see cref="FailImageWritesAsync"/>).</summary>
    private const string Faulty = "Injected fault: the image row fails";
    /// <summary>The title of the idea the database refuses to hold (see <see cref="FailHoldsAsync"/>).</summary>
    private const string HoldFails = "Injected fault: holding this idea fails";

    [Fact]
    public async Task An_edit_on_the_page_with_an_image_past_the_limit_keeps_the_old_text_and_adds_no_image()
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member);
        var idea = await author.PostIdeaAsync(title: "Three photos of the ward");
        await AddThreeImagesAsync(author, idea);

        var refused = await ImageApi.PostFormAsync(author, $"/ideas/{idea}/edit", $"/ideas/{idea}/edit",
            new() { ["title"] = "Four photos of the ward", ["body"] = "A fourth one.", ["alt1"] = "The nurses' station" },
            ("image1", "fourth.jpg", "image/jpeg", TestImages.Jpeg()));

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest, await refused.Content.ReadAsStringAsync());
        (await refused.Content.ReadAsStringAsync()).Should().Contain("at most 3 images");
        (await TitleAsync(idea)).Should().Be("Three photos of the ward", "the refused image leaves the text as it was");
        (await StoredImagesAsync(idea)).Should().Be(3);
    }

    [Fact]
    public async Task An_edit_on_the_page_with_a_bad_image_keeps_the_old_text()
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member);
        var idea = await author.PostIdeaAsync(title: "A plan of the clinic");

        var refused = await ImageApi.PostFormAsync(author, $"/ideas/{idea}/edit", $"/ideas/{idea}/edit",
            new() { ["title"] = "A new plan of the clinic", ["body"] = "Redrawn.", ["alt1"] = "The plan" },
            ("image1", "plan.png", "image/png", "<html></html>"u8.ToArray()));

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await TitleAsync(idea)).Should().Be("A plan of the clinic");
        (await StoredImagesAsync(idea)).Should().Be(0);
    }

    [Fact]
    public async Task An_edit_through_the_api_takes_images_with_the_text_and_a_bad_or_extra_image_keeps_the_old_text()
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member);
        var idea = await author.PostIdeaAsync(title: "Signs in the car park");

        var bad = await author.Http.PutAsJsonAsync($"api/v1/ideas/{idea}", new
        {
            title = "Bigger signs in the car park", body = "Readable from a car.",
            images = new object[] { new { data = TestImages.Jpeg(), altText = "A sign" }, new { data = "<html></html>"u8.ToArray(), altText = "Not one" } },
        });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Visitor.ProblemAsync(bad)).GetProperty("errors").TryGetProperty("images[1].data", out _).Should().BeTrue();
        (await TitleAsync(idea)).Should().Be("Signs in the car park", "a bad image refuses the whole edit");
        (await StoredImagesAsync(idea)).Should().Be(0);

        var saved = await author.Http.PutAsJsonAsync($"api/v1/ideas/{idea}", new
        {
            title = "Bigger signs in the car park", body = "Readable from a car.",
            images = new object[] { new { data = TestImages.Jpeg(), altText = "A sign by the barrier" } },
        });
        saved.StatusCode.Should().Be(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        (await TitleAsync(idea)).Should().Be("Bigger signs in the car park");
        (await ImageApi.ListAsync(author, idea)).Select(i => i.GetProperty("altText").GetString()).Should().Equal("A sign by the barrier");

        var extra = await author.Http.PutAsJsonAsync($"api/v1/ideas/{idea}", new
        {
            title = "Even bigger signs", body = "Readable from the road.",
            images = Enumerable.Range(1, 3).Select(n => new { data = TestImages.Png(), altText = $"Sign {n}" }).ToArray(),
        });
        extra.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Visitor.ProblemAsync(extra)).GetProperty("errors").TryGetProperty("images", out _).Should().BeTrue();
        (await TitleAsync(idea)).Should().Be("Bigger signs in the car park", "one image on the idea and three more is past the limit");
        (await StoredImagesAsync(idea)).Should().Be(1);
    }

    [Fact]
    public async Task A_new_idea_with_a_bad_image_after_good_ones_stores_no_idea_and_no_image_on_the_page_or_the_api()
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member);
        var before = await AllStoredImagesAsync();

        var page = await ImageApi.PostFormAsync(author, NewIdeaForm, NewIdeaAction,
            new() { ["title"] = "Refused on the page for its second image", ["body"] = "Good text.", ["alt1"] = "Fine", ["alt2"] = "Not an image" },
            ("image1", "fine.jpg", "image/jpeg", TestImages.Jpeg()), ("image2", "page.png", "image/png", "<html></html>"u8.ToArray()));
        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var api = await author.Http.PostAsJsonAsync(NewIdeaApi, new
        {
            title = "Refused through the api for its second image", body = "Good text.", anonymous = false,
            images = new object[] { new { data = TestImages.Jpeg(), altText = "Fine" }, new { data = TestImages.Png(), altText = " " } },
        });
        api.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        (await IdeasTitledAsync("Refused on the page for its second image")).Should().Be(0);
        (await IdeasTitledAsync("Refused through the api for its second image")).Should().Be(0);
        (await AllStoredImagesAsync()).Should().Be(before, "no image row of a refused idea is kept");
    }

    [Fact]
    public async Task When_the_database_fails_writing_an_image_no_idea_is_left_behind_and_an_edit_keeps_its_old_text()
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member);
        await FailImageWritesAsync();
        var before = await AllStoredImagesAsync();

        var page = await ImageApi.PostFormAsync(author, NewIdeaForm, NewIdeaAction,
            new() { ["title"] = "Its image row fails on the page", ["body"] = "Good text.", ["alt1"] = "Fine", ["alt2"] = Faulty },
            ("image1", "fine.jpg", "image/jpeg", TestImages.Jpeg()), ("image2", "faulty.png", "image/png", TestImages.Png()));
        ((int)page.StatusCode).Should().BeGreaterThanOrEqualTo(500, "the write failed");
        var api = await author.Http.PostAsJsonAsync(NewIdeaApi, new
        {
            title = "Its image row fails through the api", body = "Good text.", anonymous = false,
            images = new object[] { new { data = TestImages.Png(), altText = Faulty } },
        });
        ((int)api.StatusCode).Should().BeGreaterThanOrEqualTo(500);
        (await IdeasTitledAsync("Its image row fails on the page")).Should().Be(0, "the idea's row goes back with its image's");
        (await IdeasTitledAsync("Its image row fails through the api")).Should().Be(0);

        var idea = await author.PostIdeaAsync(title: "Text that stays");
        var edit = await ImageApi.PostFormAsync(author, $"/ideas/{idea}/edit", $"/ideas/{idea}/edit",
            new() { ["title"] = "Text that was never saved", ["body"] = "Changed.", ["alt1"] = Faulty },
            ("image1", "faulty.jpg", "image/jpeg", TestImages.Jpeg()));
        ((int)edit.StatusCode).Should().BeGreaterThanOrEqualTo(500);
        (await TitleAsync(idea)).Should().Be("Text that stays");
        (await AllStoredImagesAsync()).Should().Be(before);
    }

    [Fact]
    public async Task An_upload_whose_alt_text_is_held_holds_its_idea_in_the_same_write_so_a_failed_hold_stores_no_image()
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member);
        var idea = await author.PostIdeaAsync(title: HoldFails);
        await FailHoldsAsync();

        var upload = await ImageApi.PostAsync(author, idea, ("image", "board.jpg", TestImages.Jpeg(), "The board, with my number 07700 900456"));

        ((int)upload.StatusCode).Should().BeGreaterThanOrEqualTo(500, "the database refused to hold the idea");
        (await StoredImagesAsync(idea)).Should().Be(0, "an image whose alt text the rules held is never up on a published idea");
    }

    private static async Task AddThreeImagesAsync(Visitor author, long idea)
    {
        var added = await ImageApi.PostAsync(author, idea, ("image1", "a.jpg", TestImages.Jpeg(), "First"), ("image2", "b.png", TestImages.Png(), "Second"),
            ("image3", "c.jpg", TestImages.Jpeg(), "Third"));
        added.StatusCode.Should().Be(HttpStatusCode.OK, await added.Content.ReadAsStringAsync());
    }

    /// <summary>A trigger that makes the database refuse an image row with <see cref="Faulty"/> alt text, as a full disk or a lost connection would fail mid-write.</summary>
    private Task FailImageWritesAsync() => FailWhenAsync("fail_image_row", "INSERT", "idea_images", $"NEW.alt_text = '{Faulty}'");

    /// <summary>A trigger that makes the database refuse to hold the idea titled <see cref="HoldFails"/>.</summary>
    private Task FailHoldsAsync() => FailWhenAsync("fail_hold", "UPDATE", "ideas", $"NEW.moderation = 'held' AND NEW.title = '{HoldFails}'");

    /// <summary>A fault injected into the database: a trigger <paramref name="name"/> that aborts <paramref name="operation"/> on <paramref name="table"/> when <paramref name="when"/> holds.</summary>
    private async Task FailWhenAsync(string name, string operation, string table, string when)
    {
        var db = app.Services.GetRequiredService<Database>();
        var sql = db.Dialect == SqlDialect.Postgres
            ? $"""
              CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected fault'; END $$;
              DROP TRIGGER IF EXISTS {name} ON {table};
              CREATE TRIGGER {name} BEFORE {operation} ON {table} FOR EACH ROW WHEN ({when}) EXECUTE FUNCTION {name}();
              """
            : $"CREATE TRIGGER IF NOT EXISTS {name} BEFORE {operation} ON {table} WHEN {when} BEGIN SELECT RAISE(ABORT, 'injected fault'); END;";
        await db.WriteAsync(null, (c, tx) => c.Execute(sql, transaction: tx));
    }

    private async Task<T> QueryAsync<T>(string sql, object? args = null)
    {
        await using var c = app.Services.GetRequiredService<Database>().OpenReader();
        return await c.ExecuteScalarAsync<T>(sql, args) ?? default!;
    }

    private Task<string> TitleAsync(long idea) => QueryAsync<string>("SELECT title FROM ideas WHERE tenant_id = 'edits' AND id = @idea", new { idea });
    private Task<long> StoredImagesAsync(long idea) => QueryAsync<long>("SELECT COUNT(*) FROM idea_images WHERE tenant_id = 'edits' AND idea_id = @idea", new { idea });
    private Task<long> AllStoredImagesAsync() => QueryAsync<long>("SELECT COUNT(*) FROM idea_images WHERE tenant_id = 'edits'");
    private Task<long> IdeasTitledAsync(string title) => QueryAsync<long>("SELECT COUNT(*) FROM ideas WHERE tenant_id = 'edits' AND title = @title", new { title });
}
