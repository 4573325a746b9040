using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Engine.Core.Members;
using Engine.Web.Tests.Editing;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.Images;

/// <summary>
/// An image's alt text passes the site's moderation rules (here the personal-data rule, which holds a phone number); a held
/// alt text holds its idea, and moderators take a single image off an idea, audited, its copies deleted.
/// </summary>
public sealed partial class ImageModerationTests(EditingApp app) : IClassFixture<EditingApp>
{
    private const string Phone = "07700 900456";

    [Fact]
    public async Task A_held_alt_text_holds_the_new_idea_its_image_is_served_to_nobody_and_a_moderator_removes_it_and_approves_the_idea()
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member);
        var (moderator, moderatorId) = await app.MemberAsync("edits.test", Roles.Moderator, "Mo Derator");
        using var visitor = app.Visit("edits.test");

        var posted = await ImageApi.PostFormAsync(author, "/challenges/waiting-well/ideas/new", "/challenges/waiting-well/ideas",
            new() { ["title"] = "A photo of the new notice board", ["body"] = "It says who to call.", ["alt1"] = $"The board, with my number {Phone}" },
            ("image1", "board.jpg", "image/jpeg", TestImages.Jpeg()));

        posted.StatusCode.Should().Be(HttpStatusCode.Accepted, "the alt text was held, so the idea waits for a moderator");
        var idea = (await moderator.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/moderation/queue")).EnumerateArray()
            .Single(q => q.GetProperty("title").GetString() == "A photo of the new notice board").GetProperty("id").GetInt64();
        var (_, queue) = await moderator.GetPageAsync("/admin/moderation");
        var shown = AdminImage().Matches(queue).SingleOrDefault(m => m.Groups[1].Value == $"{idea}");
        shown.Should().NotBeNull("the moderation page shows the held idea's image");
        var image = long.Parse(shown!.Groups[2].Value);
        queue.Should().NotContain(Phone, "the alt text is masked like the idea's text");
        var copy = await moderator.Http.GetAsync(shown.Value.TrimStart('/'));
        copy.StatusCode.Should().Be(HttpStatusCode.OK);
        (copy.Content.Headers.ContentType!.MediaType, copy.Headers.CacheControl!.NoStore).Should().Be(("image/webp", true));
        copy.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        foreach (var size in new[] { "display", "thumbnail" })
        {
            (await visitor.Http.GetAsync($"/ideas/{idea}/images/{image}/{size}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "a held idea's image is never public");
            (await author.Http.GetAsync($"/ideas/{idea}/images/{image}/{size}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
        (await author.Http.GetAsync(shown.Value.TrimStart('/'))).StatusCode.Should().Be(HttpStatusCode.Forbidden, "only moderators see held images");

        var unexplained = await moderator.SubmitAsync("/admin/moderation", "/admin/moderation?handler=RemoveImage",
            new() { ["id"] = $"{idea}", ["imageId"] = $"{image}", ["reason"] = " " });
        unexplained.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await unexplained.Content.ReadAsStringAsync()).Should().Contain($"href=\"#remove-image-reason-{idea}-{image}\"");
        (await StoredImagesAsync(idea)).Should().Be(1, "a refused removal removes nothing");

        var removed = await moderator.SubmitAsync("/admin/moderation", "/admin/moderation?handler=RemoveImage",
            new() { ["id"] = $"{idea}", ["imageId"] = $"{image}", ["reason"] = "The description gives a phone number" });
        removed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await StoredImagesAsync(idea)).Should().Be(0, "the image's row, and every copy in it, is deleted");
        (await moderator.Http.GetAsync(shown.Value.TrimStart('/'))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var audit = await app.MemberAsync("edits.test", Roles.Admin, "Ada Admin");
        (await audit.Visitor.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/audit?action=image.removed")).EnumerateArray()
            .Should().Contain(e => e.GetProperty("subject").GetString() == $"idea {idea}" && e.GetProperty("actorId").GetInt64() == moderatorId
                && e.GetProperty("detail").GetString() == $"image {image}: The description gives a phone number");

        (await moderator.Http.PostAsync($"api/v1/admin/moderation/ideas/{idea}/approve", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await visitor.Http.GetAsync($"api/v1/ideas/{idea}")).StatusCode.Should().Be(HttpStatusCode.OK, "the rest of the idea is published");
        (await ImageApi.ListAsync(visitor, idea)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_held_alt_text_on_an_image_added_later_takes_the_idea_off_the_site_until_a_moderator_approves_it()
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member);
        var (moderator, _) = await app.MemberAsync("edits.test", Roles.Moderator, "Mo Derator");
        using var visitor = app.Visit("edits.test");
        var idea = await author.PostIdeaAsync(title: "Signs to the day unit");
        (await ImageApi.PostAsync(author, idea, ("image", "sign.png", TestImages.Png(), "The sign by the lifts"))).StatusCode.Should().Be(HttpStatusCode.OK);
        var first = (await ImageApi.ListAsync(visitor, idea)).Single().GetProperty("url").GetString()!;
        (await visitor.Http.GetAsync(first)).StatusCode.Should().Be(HttpStatusCode.OK);

        var held = await ImageApi.PostAsync(author, idea, ("image", "desk.png", TestImages.Png(), $"The desk; ring {Phone} if it is closed"));

        held.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await held.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moderation").GetString().Should().Be("held");
        (await visitor.Http.GetAsync($"api/v1/ideas/{idea}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the idea waits for a moderator, as after a held edit");
        (await visitor.Http.GetAsync(first)).StatusCode.Should().Be(HttpStatusCode.NotFound, "none of a held idea's images is served");
        (await moderator.Http.GetFromJsonAsync<JsonElement>("api/v1/admin/moderation/queue")).EnumerateArray()
            .Should().Contain(q => q.GetProperty("kind").GetString() == "idea" && q.GetProperty("id").GetInt64() == idea);

        (await moderator.Http.PostAsync($"api/v1/admin/moderation/ideas/{idea}/approve", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await ImageApi.ListAsync(visitor, idea)).Select(i => i.GetProperty("altText").GetString())
            .Should().Equal("The sign by the lifts", $"The desk; ring {Phone} if it is closed");
    }

    [Fact]
    public async Task Only_moderators_remove_an_image_through_the_api_and_a_reason_is_required()
    {
        var (author, _) = await app.MemberAsync("edits.test", Roles.Member);
        var (moderator, _) = await app.MemberAsync("edits.test", Roles.Moderator, "Mo Derator");
        var idea = await author.PostIdeaAsync(title: "The garden path");
        (await ImageApi.PostAsync(author, idea, ("image", "path.png", TestImages.Png(), "The path"))).StatusCode.Should().Be(HttpStatusCode.OK);
        var image = (await ImageApi.ListAsync(author, idea)).Single().GetProperty("id").GetInt64();
        var listed = (await moderator.Http.GetFromJsonAsync<JsonElement>($"api/v1/admin/moderation/ideas/{idea}/images")).EnumerateArray().Single();
        (listed.GetProperty("id").GetInt64(), listed.GetProperty("altText").GetString()).Should().Be((image, "The path"));
        var route = listed.GetProperty("removeUrl").GetString()!.TrimStart('/');
        route.Should().Be($"api/v1/admin/moderation/ideas/{idea}/images/{image}/remove");
        (await author.Http.GetAsync($"api/v1/admin/moderation/ideas/{idea}/images")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        (await author.Http.PostAsJsonAsync(route, new { reason = "Mine" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var missing = await moderator.Http.PostAsJsonAsync(route, new { reason = "" });
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await Visitor.ProblemAsync(missing)).GetProperty("errors").TryGetProperty("reason", out _).Should().BeTrue();
        (await moderator.Http.PostAsJsonAsync(route, new { reason = "Shows a patient" })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await ImageApi.ListAsync(author, idea)).Should().BeEmpty();
        (await moderator.Http.PostAsJsonAsync(route, new { reason = "Again" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private async Task<long> StoredImagesAsync(long idea)
    {
        await using var db = app.Services.GetRequiredService<Engine.Data.Database>().OpenReader();
        return await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM idea_images WHERE tenant_id = 'edits' AND idea_id = @idea", new { idea });
    }

    [GeneratedRegex("/api/v1/admin/moderation/ideas/(\\d+)/images/(\\d+)/thumbnail")]
    private static partial Regex AdminImage();
}
