using System.Net;
using System.Text.RegularExpressions;
using Engine.Core.Members;
using Engine.Web.Tests.Editing;

namespace Engine.Web.Tests.Images;

/// <summary>A refused image is named beside its own field, not only in the summary, and the field points at it (aria-describedby), in every theme.</summary>
public sealed class ImageFieldErrorsTests(EditingApp app) : IClassFixture<EditingApp>
{
    [Theory]
    [InlineData("edits")]
    [InlineData("editsnhs")]
    [InlineData("editslondon")]
    public async Task A_refused_file_on_the_new_idea_form_is_named_beside_its_input_which_points_at_the_message(string site)
    {
        var (author, _) = await app.MemberAsync($"{site}.test", Roles.Member);
        var refused = await ImageApi.PostFormAsync(author, "/challenges/waiting-well/ideas/new", "/challenges/waiting-well/ideas",
            new() { ["title"] = "A picture that is not one", ["body"] = "The second file is a web page.", ["alt2"] = "Not a picture" },
            ("image2", "page.png", "image/png", "<html><body>hello</body></html>"u8.ToArray()));

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var html = await refused.Content.ReadAsStringAsync();
        html.Should().Contain("href=\"#image2\"", "the summary links to the field");
        ErrorBeside(html, "image2").Should().Contain("page.png is not a JPEG, PNG or WebP image");
        Input(html, "image2").Should().Contain("aria-describedby=\"images-hint image2-error\"");
        Input(html, "image1").Should().Contain("aria-describedby=\"images-hint\"", "a field without an error points only at the hint");
        html.Should().NotContain("id=\"image1-error\"").And.NotContain("id=\"alt2-error\"");
    }

    [Theory]
    [InlineData("edits")]
    [InlineData("editsnhs")]
    [InlineData("editslondon")]
    public async Task A_missing_alt_text_on_the_edit_page_is_named_beside_the_alt_text_box(string site)
    {
        var (author, _) = await app.MemberAsync($"{site}.test", Roles.Member);
        var idea = await author.PostIdeaAsync(title: "A photo without a description");
        var refused = await ImageApi.PostFormAsync(author, $"/ideas/{idea}/edit", $"/ideas/{idea}/edit",
            new() { ["title"] = "A photo without a description", ["body"] = "Its alt text is blank.", ["alt3"] = " " },
            ("image3", "ward.jpg", "image/jpeg", TestImages.Jpeg()));

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var html = await refused.Content.ReadAsStringAsync();
        html.Should().Contain("href=\"#alt3\"");
        ErrorBeside(html, "alt3").Should().Contain("is required");
        Input(html, "alt3").Should().Contain("aria-describedby=\"alt3-error\"");
        Input(html, "image3").Should().Contain("aria-describedby=\"images-hint\"");
    }

    /// <summary>The field's own error message (id="field-error"), after the hidden "Error:" prefix a design system puts first.</summary>
    private static string ErrorBeside(string html, string field)
    {
        var message = Regex.Match(html, $"id=\"{field}-error\">(?:<span class=\"nhsuk-u-visually-hidden\">[^<]*</span>)?([^<]+)<");
        message.Success.Should().BeTrue($"the {field} field has its own error message");
        return WebUtility.HtmlDecode(message.Groups[1].Value);
    }

    private static string Input(string html, string id)
    {
        var input = Regex.Match(html, $"<input[^>]*\\bid=\"{id}\"[^>]*>");
        input.Success.Should().BeTrue($"the form has the {id} input");
        return input.Value;
    }
}
