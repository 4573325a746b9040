using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Engine.Core.Common;
using Engine.Core.Members;
using Engine.Web.Accounts;
using Engine.Web.Languages;

namespace Engine.Web.Tests.Languages;

/// <summary>
/// A form refused on a Welsh page says why in Welsh, naming the field in Welsh, and so do the pages a refusal or a
/// finished action leads to; an English page words them as before, and the API answers in the language its caller asks for (English unless it asks), with the error's key as its code.
/// </summary>
public class ErrorWordsTests(ErrorWordsTests.App app) : IClassFixture<ErrorWordsTests.App>
{
    public sealed class App : EngineApp
    {
        public App()
        {
            var welsh = Tenant("cymraeg", "Syniadau Iechyd", ["cymraeg.test"], anonymous: true, downVotes: true);
            welsh["locale"] = "cy-GB";
            welsh["languages"] = new[] { "en-GB" };
            WriteTenant("cymraeg", welsh);
        }
    }

    private static readonly CultureInfo Welsh = CultureInfo.GetCultureInfo("cy-GB"), English = CultureInfo.GetCultureInfo("en-GB");

    private static async Task<string> RefusedAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, html);
        return html;
    }

    [Fact]
    public async Task An_idea_with_too_short_a_title_is_refused_in_Welsh_naming_the_title()
    {
        var (member, _) = await app.MemberAsync("cymraeg.test", Roles.Member);
        using var _ = member;
        var html = await RefusedAsync(await member.SubmitAsync("/challenges/waiting-well/ideas/new", "/challenges/waiting-well/ideas",
            new() { ["title"] = "Byr", ["body"] = "Testun digon hir i'r syniad." }));
        html.Should().Contain("Rhaid i&#x27;r teitl fod o leiaf 5 nod.").And.Contain("id=\"title-error\"")
            .And.NotContain("Title must be at least");
    }

    [Fact]
    public async Task An_empty_comment_is_refused_in_Welsh_naming_the_text()
    {
        var (member, _) = await app.MemberAsync("cymraeg.test", Roles.Member);
        using var _ = member;
        var idea = await member.PostIdeaAsync();
        var html = await RefusedAsync(await member.SubmitAsync($"/ideas/{idea}", $"/ideas/{idea}/comments", new() { ["body"] = "  " }));
        html.Should().Contain("Mae angen testun.").And.NotContain("Body is required");
    }

    [Fact]
    public async Task Registering_and_signing_in_are_refused_in_Welsh()
    {
        using var visitor = app.Visit("cymraeg.test");
        var badAddress = await RefusedAsync(await visitor.SubmitAsync("/account/register", "/account/register",
            new() { ["displayName"] = "Siân", ["email"] = "not an address", ["password"] = "correct horse battery" }));
        badAddress.Should().Contain("Rhowch gyfeiriad e-bost fel enw@enghraifft.nhs.uk.").And.Contain("id=\"email-error\"");
        var noName = await RefusedAsync(await visitor.SubmitAsync("/account/register", "/account/register",
            new() { ["displayName"] = "", ["email"] = "sian@example.nhs.uk", ["password"] = "correct horse battery" }));
        noName.Should().Contain("Mae angen enw.").And.NotContain("DisplayName is required");
        var shortPassword = await RefusedAsync(await visitor.SubmitAsync("/account/register", "/account/register",
            new() { ["displayName"] = "Siân", ["email"] = "sian@example.nhs.uk", ["password"] = "short" }));
        shortPassword.Should().Contain("Rhaid i gyfrinair fod o leiaf 10 nod.").And.NotContain("Passwords must be");

        var signIn = await visitor.SubmitAsync("/account/signin", "/account/signin", new() { ["email"] = "nobody@example.nhs.uk", ["password"] = "wrong password" });
        (await signIn.Content.ReadAsStringAsync()).Should().Contain("Nid yw&#x27;r e-bost a&#x27;r cyfrinair hwnnw&#x27;n cyfateb i gyfrif")
            .And.NotContain("do not match an account");
    }

    [Fact]
    public async Task The_same_refusal_on_the_English_page_is_in_English()
    {
        var (member, _) = await app.MemberAsync("cymraeg.test", Roles.Member);
        using var _ = member;
        (await member.GetPageAsync("/?lang=en")).Status.Should().Be(HttpStatusCode.OK);
        var html = await RefusedAsync(await member.SubmitAsync("/challenges/waiting-well/ideas/new", "/challenges/waiting-well/ideas",
            new() { ["title"] = "Tiny", ["body"] = "Long enough to be a body." }));
        html.Should().Contain("Title must be at least 5 characters.").And.NotContain("Rhaid i");
    }

    [Fact]
    public async Task The_API_answers_a_program_in_English_on_a_Welsh_site_when_it_asks_for_no_language()
    {
        using var program = await ProgramAsync();
        var problem = await TooShortTitleAsync(program, "api/v1/challenges/waiting-well/ideas");
        problem.GetProperty("detail").GetString().Should().Be("Title must be at least 5 characters.");
        problem.GetProperty("title").GetString().Should().Be("The request has invalid input.");
        problem.GetProperty("code").GetString().Should().Be("error.too-short");
    }

    /// <summary>The site's own script shows a refusal beside what was refused: a member on a Welsh site's pages reads it in Welsh.</summary>
    [Fact]
    public async Task The_API_answers_a_member_signed_in_on_a_Welsh_sites_pages_in_the_pages_language()
    {
        var (member, _) = await app.MemberAsync("cymraeg.test", Roles.Member);
        using var _ = member;
        var problem = await TooShortTitleAsync(member, "api/v1/challenges/waiting-well/ideas");
        problem.GetProperty("detail").GetString().Should().Be("Rhaid i'r teitl fod o leiaf 5 nod.");
        problem.GetProperty("code").GetString().Should().Be("error.too-short");
    }

    /// <summary>A member's program: signed in with a token of the API (no cookie).</summary>
    private async Task<Visitor> ProgramAsync()
    {
        var email = TestEmail.Unique("prog");
        using (var person = app.Visit("cymraeg.test")) await person.RegisterAsync(email);
        var program = app.Visit("cymraeg.test");
        var answer = await program.Http.PostAsJsonAsync("api/v1/account/tokens", new { email, password = "correct horse battery" });
        answer.StatusCode.Should().Be(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        var token = (await answer.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("token").GetString();
        program.Http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return program;
    }

    [Theory]
    [InlineData("cy", "api/v1/challenges/waiting-well/ideas")]
    [InlineData(null, "api/v1/challenges/waiting-well/ideas?lang=cy")]
    public async Task The_API_answers_in_Welsh_when_the_caller_asks_for_Welsh_with_the_same_code(string? acceptLanguage, string address)
    {
        using var program = await ProgramAsync();
        if (acceptLanguage is not null) program.Http.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        var problem = await TooShortTitleAsync(program, address);
        problem.GetProperty("detail").GetString().Should().Be("Rhaid i'r teitl fod o leiaf 5 nod.");
        problem.GetProperty("errors").GetProperty("title")[0].GetString().Should().Be("Rhaid i'r teitl fod o leiaf 5 nod.");
        problem.GetProperty("title").GetString().Should().Be("Mae mewnbwn annilys yn y cais.");
        problem.GetProperty("code").GetString().Should().Be("error.too-short");
    }

    [Fact]
    public async Task A_refusal_the_API_gives_outside_validation_carries_its_code_too()
    {
        var (member, _) = await app.MemberAsync("cymraeg.test", Roles.Member);
        using var _ = member;
        member.Http.DefaultRequestHeaders.Add("Accept-Language", "cy");
        var response = await member.Http.PostAsJsonAsync("api/v1/challenges/no-such-challenge/ideas", new { title = "Syniad digon hir", body = "Testun digon hir.", anonymous = false });
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var problem = await Visitor.ProblemAsync(response);
        problem.GetProperty("code").GetString().Should().Be("error.not-found.challenge");
        problem.GetProperty("title").GetString().Should().Be("Heb ei ganfod");
        problem.GetProperty("detail").GetString().Should().NotBe("Challenge was not found.");
    }

    private static async Task<System.Text.Json.JsonElement> TooShortTitleAsync(Visitor member, string address)
    {
        var response = await member.Http.PostAsJsonAsync(address, new { title = "Byr", body = "Testun digon hir.", anonymous = false });
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        return await Visitor.ProblemAsync(response);
    }

    /// <summary>Refusals the API gives (a reply's parentId, an idea filter, a sort), keyed like every other engine error.</summary>
    [Fact]
    public void The_apis_own_refusals_are_keyed_worded_in_english_as_the_api_answers_and_in_welsh()
    {
        static Error Filter(string name, string value) =>
            Core.IdeaForms.IdeaFilter.Parse(Core.IdeaForms.IdeaForm.None, [KeyValuePair.Create(name, (string?)value)]).Error!;
        var errors = new List<Error>
        {
            Core.Comments.CommentRules.Validate("A reply", parentId: 0).Error!,
            Filter("status", "lost"),
            Filter("category", "Cardiology"),
            Filter("fields.ward", "Ward 7"),
            Filter("responded", "maybe"),
            Core.Ideas.IdeaSorts.Parse("sideways").Error!,
            Core.Ideas.IdeaSorts.CheckPaging(0, 10)!,
            Core.Ideas.IdeaSorts.CheckPaging(1, 0)!,
        };
        errors.Should().OnlyContain(e => e.Key != null);
        foreach (var error in errors) ErrorWords.Text(English, error).Should().Be(error.Message, error.Key);
        foreach (var error in errors) ErrorWords.Text(Welsh, error).Should().NotBe(error.Message, $"{error.Key} is worded in Welsh");
        ErrorWords.Text(Welsh, Filter("status", "lost")).Should().StartWith("Statws anhysbys 'lost'.");
    }

    [Fact]
    public void The_engines_refusal_when_a_plugins_rule_fails_is_worded_in_welsh_on_a_page()
    {
        var english = "Voting is unavailable right now (the 'budget' rule failed), so your vote was not counted. Please try again later.";
        var error = Error.Invalid("value", english) with { Text = new Engine.Plugins.Loading.EngineText("error.voting-failed", english, "budget") };
        ErrorWords.Text(English, error).Should().Be(english);
        ErrorWords.Text(Welsh, error).Should().Be(
            "Nid oes modd pleidleisio ar hyn o bryd (methodd y rheol 'budget'), felly ni chafodd eich pleidlais ei chyfrif. Rhowch gynnig arall arni yn nes ymlaen.");
    }

    [Fact]
    public void An_English_page_words_every_keyed_refusal_exactly_as_the_API_does()
    {
        var errors = new List<Error>
        {
            TextRules.Check("title", "", 5, 150, out _)!,
            TextRules.Check("title", "Tiny", 5, 150, out _)!,
            TextRules.Check("body", new string('x', 12), 1, 10, out _)!,
            MemberRules.CheckRegistration("no address", "Sam", "Alpha")!,
            MemberRules.CheckRegistration("sam@example.nhs.uk", "", "Alpha")!,
            MemberRules.CheckRegistration("sam@example.nhs.uk", "Alpha admin", "Alpha")!,
            AccountService.Refused,
            Core.Votes.CastVote.KeptChanging,
        };
        errors.Should().OnlyContain(e => e.Key != null);
        foreach (var error in errors) ErrorWords.Text(English, error).Should().Be(error.Message, error.Key);
        foreach (var error in errors) ErrorWords.Text(Welsh, error).Should().NotBe(error.Message, $"{error.Key} is worded in Welsh");
        EngineWords.Text(English, "message.held").Should().Be(Core.Moderation.HeldMessage.Text);
        EngineWords.Text(English, "message.held-edit").Should().Be(Core.Moderation.HeldMessage.Edit);
        EngineWords.Text(English, "message.check-your-email-registered").Should().Be(AccountService.CheckYourEmail);
    }

    [Fact]
    public void An_error_without_a_key_or_with_a_key_no_catalogue_has_shows_its_message()
    {
        var plugin = Error.Invalid("body", "Your comment mentions a patient's NHS number.");
        ErrorWords.Text(Welsh, plugin).Should().Be(plugin.Message);
        var unknown = Error.Invalid("email", "Something new is wrong.").Keyed("error.identity.SomethingNew", "");
        ErrorWords.Text(Welsh, unknown).Should().Be(unknown.Message);
    }
}
