using System.Net;
using System.Net.Http.Json;
using Engine.Core.BigIdeas;
using Engine.Core.BigIdeas.Suggestions;
using Engine.Core.Ideas;
using Engine.Core.Members;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.Admin;

/// <summary>Theme suggestions from the text: a run in the background, then accepting, renaming, merging and rejecting through plain forms.</summary>
public partial class AdminPagesTests
{
    private const string SuggestionsPage = "/admin/suggestions?challenge=waiting-well";

    // The runtime's own threads (".NET TP Worker", ".NET Timer" ...) at the lowest priority, by their Linux names and nice values;
    // other tests' suggestion runs may be live meanwhile, but their threads are named "Background work".
    private static IReadOnlyList<string> LoweredRuntimeThreads() => Directory.GetDirectories("/proc/self/task")
        .Select(task => (Name: File.ReadAllText(Path.Combine(task, "comm")).Trim(), Stat: File.ReadAllText(Path.Combine(task, "stat"))))
        .Where(t => t.Name.StartsWith(".NET", StringComparison.Ordinal)
            && t.Stat[(t.Stat.LastIndexOf(')') + 2)..].Split(' ')[16] == Core.Common.BackgroundThread.LinuxNice.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .Select(t => t.Name).ToList();

    [Fact]
    public async Task A_community_manager_suggests_themes_and_accepts_renames_merges_and_rejects_them_but_a_member_cannot()
    {
        var (manager, _) = await With("suggest.test", Roles.CommunityManager, "Cam Manager");
        var ideaIds = await PostTopicsAsync("suggest.test");

        var (page, html) = await manager.GetPageAsync(SuggestionsPage);
        page.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("How the suggestions are computed").And.Contain("TF-IDF").And.Contain("k-means").And.Contain("silhouette").And.Contain("fixed seed");
        (await SubmitAsync(manager, SuggestionsPage, SuggestionsPage + "&handler=Start", [])).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var ready = await WhenSuggestedAsync(manager);
        ready.Should().Contain("are ready").And.Contain($"read {ideaIds.Count} ideas").And.Contain("seed 21");
        LoweredRuntimeThreads().Should().BeEmpty("the run's lowest priority stays on its own thread: a pool, timer or gate thread started from it would keep nice 19 for good");

        var store = app.Services.GetRequiredService<IThemeSuggestionStore>();
        var challengeId = (await app.Services.GetRequiredService<Core.Challenges.IChallengeStore>().FindBySlugAsync("suggest", "waiting-well"))!.Id;
        var first = await store.SuggestionsAsync("suggest", challengeId);
        first.Should().HaveCountGreaterThanOrEqualTo(2);
        first.SelectMany(s => s.IdeaIds).Should().BeEquivalentTo(ideaIds, "every idea is in exactly one suggestion");
        foreach (var s in first) ready.Should().Contain($"id=\"suggestion-{s.Id}\"").And.Contain(WebUtility.HtmlEncode(string.Join(", ", s.TopTerms)));

        // A member, with a valid anti-forgery token (from the API), is refused the page and every action; nothing changes.
        var (member, _) = await With("suggest.test", Roles.Member);
        (await member.GetPageAsync(SuggestionsPage)).Status.Should().Be(HttpStatusCode.Forbidden);
        foreach (var handler in new[] { "Start", "Accept", "Rename", "Reject" })
            (await member.Http.PostAsync($"{SuggestionsPage}&handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = $"{first[0].Id}", ["title"] = "Mine" })))
                .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await store.SuggestionsAsync("suggest", challengeId)).Should().BeEquivalentTo(first);
        member.Dispose();

        var rejected = first[^1];
        (await SubmitAsync(manager, SuggestionsPage, SuggestionsPage + "&handler=Reject", new() { ["id"] = $"{rejected.Id}" })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await store.FindAsync("suggest", rejected.Id))!.State.Should().Be(SuggestionState.Rejected);
        var again = await SubmitAsync(manager, SuggestionsPage, SuggestionsPage + "&handler=Reject", new() { ["id"] = $"{rejected.Id}" });
        again.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()).Should().Contain($"The suggestion “{rejected.Title}” was already rejected.");

        // A second run (the same ideas and seed) gives the same groups; renaming, merging and accepting happen on it.
        (await SubmitAsync(manager, SuggestionsPage, SuggestionsPage + "&handler=Start", [])).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await WhenSuggestedAsync(manager);
        var second = await store.SuggestionsAsync("suggest", challengeId);
        second.Select(s => s.IdeaIds).Should().BeEquivalentTo(first.Select(s => s.IdeaIds), o => o.WithStrictOrdering());
        var (kept, other) = (second[0], second[1]);

        var empty = await SubmitAsync(manager, SuggestionsPage, SuggestionsPage + "&handler=Rename", new() { ["id"] = $"{kept.Id}", ["title"] = "" });
        empty.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await empty.Content.ReadAsStringAsync()).Should().Contain($"href=\"#suggestion-{kept.Id}-title\"").And.Contain("Title is required.");
        (await SubmitAsync(manager, SuggestionsPage, SuggestionsPage + "&handler=Rename", new() { ["id"] = $"{kept.Id}", ["title"] = "Getting there and waiting" }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await store.FindAsync("suggest", kept.Id))!.Title.Should().Be("Getting there and waiting");

        (await SubmitAsync(manager, SuggestionsPage, SuggestionsPage + "&handler=Merge", new() { ["id"] = $"{kept.Id}", ["other"] = $"{other.Id}" }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await store.FindAsync("suggest", other.Id)).Should().BeNull("the other suggestion is now part of the kept one");
        var merged = (await store.FindAsync("suggest", kept.Id))!;
        merged.IdeaIds.Should().BeEquivalentTo(kept.IdeaIds.Concat(other.IdeaIds));
        merged.TopTerms.Should().Contain(kept.TopTerms).And.Contain(other.TopTerms);

        var accept = await SubmitAsync(manager, SuggestionsPage, SuggestionsPage + "&handler=Accept", new() { ["id"] = $"{kept.Id}", ["title"] = "Getting there and waiting" });
        accept.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var accepted = (await store.FindAsync("suggest", kept.Id))!;
        accepted.State.Should().Be(SuggestionState.Accepted);
        var theme = (await app.Services.GetRequiredService<IThemingStore>().FindThemeAsync("suggest", accepted.ThemeId!.Value))!;
        theme.Title.Should().Be("Getting there and waiting");
        theme.ChallengeId.Should().Be(challengeId);
        theme.IdeaIds.Should().BeEquivalentTo(merged.IdeaIds, "an accepted suggestion becomes a theme linked to every source idea");
        var ideas = app.Services.GetRequiredService<IIdeaStore>();
        foreach (var id in merged.IdeaIds) (await ideas.FindAsync("suggest", id))!.Status.Should().Be(IdeaStatus.Themed);
        WebUtility.HtmlDecode((await manager.GetPageAsync(SuggestionsPage)).Html)
            .Should().Contain($"Accepted: the theme “Getting there and waiting” now holds {merged.IdeaIds.Count} ideas.").And.NotContain($"id=\"suggestion-{kept.Id}\"");
        (await manager.GetPageAsync("/admin/theming?challenge=waiting-well")).Html.Should().Contain("Getting there and waiting");
        manager.Dispose();
    }

    [Fact]
    public async Task An_analyst_runs_accepts_renames_merges_and_rejects_suggestions_but_cannot_reach_the_managers_pages()
    {
        var (analyst, _) = await With("analysed.test", Roles.Analyst, "Ana Lyst");
        var ideaIds = await PostTopicsAsync("analysed.test");
        var (page, html) = await analyst.GetPageAsync(SuggestionsPage);
        page.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("href=\"/admin/suggestions\"", "the analysts' menu links the page").And.NotContain("href=\"/admin/theming", "the theming page is the managers'");

        (await SubmitAsync(analyst, SuggestionsPage, SuggestionsPage + "&handler=Start", [])).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await WhenSuggestedAsync(analyst)).Should().Contain("are ready");
        var store = app.Services.GetRequiredService<IThemeSuggestionStore>();
        var challengeId = (await app.Services.GetRequiredService<Core.Challenges.IChallengeStore>().FindBySlugAsync("analysed", "waiting-well"))!.Id;
        var first = await store.SuggestionsAsync("analysed", challengeId);
        first.SelectMany(s => s.IdeaIds).Should().BeEquivalentTo(ideaIds);
        (await SubmitAsync(analyst, SuggestionsPage, SuggestionsPage + "&handler=Reject", new() { ["id"] = $"{first[^1].Id}" })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await store.FindAsync("analysed", first[^1].Id))!.State.Should().Be(SuggestionState.Rejected);

        // A second run, so two open suggestions are left to rename, merge and accept whatever the first run found.
        (await SubmitAsync(analyst, SuggestionsPage, SuggestionsPage + "&handler=Start", [])).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await WhenSuggestedAsync(analyst);
        var (kept, other) = ((await store.SuggestionsAsync("analysed", challengeId))[0], (await store.SuggestionsAsync("analysed", challengeId))[1]);
        (await SubmitAsync(analyst, SuggestionsPage, SuggestionsPage + "&handler=Rename", new() { ["id"] = $"{kept.Id}", ["title"] = "Waiting and parking" }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await store.FindAsync("analysed", kept.Id))!.Title.Should().Be("Waiting and parking");
        (await SubmitAsync(analyst, SuggestionsPage, SuggestionsPage + "&handler=Merge", new() { ["id"] = $"{kept.Id}", ["other"] = $"{other.Id}" }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await store.FindAsync("analysed", other.Id)).Should().BeNull();
        (await SubmitAsync(analyst, SuggestionsPage, SuggestionsPage + "&handler=Accept", new() { ["id"] = $"{kept.Id}", ["title"] = "Waiting and parking" }))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        var accepted = (await store.FindAsync("analysed", kept.Id))!;
        accepted.State.Should().Be(SuggestionState.Accepted);
        (await app.Services.GetRequiredService<IThemingStore>().FindThemeAsync("analysed", accepted.ThemeId!.Value))!.IdeaIds
            .Should().BeEquivalentTo(kept.IdeaIds.Concat(other.IdeaIds));

        // The pages that stay the managers' (and the API beside them) refuse the analyst, with a valid anti-forgery token.
        foreach (var managers in new[] { "/admin/theming", "/admin/theming?challenge=waiting-well", "/admin/ideas", $"/admin/ideas/{ideaIds[0]}/status", "/admin/moderation", "/admin/responses" })
            (await analyst.GetPageAsync(managers)).Status.Should().Be(HttpStatusCode.Forbidden, $"an analyst may not use {managers}");
        (await analyst.Http.PostAsync("/admin/theming?challenge=waiting-well&handler=CreateTheme", new FormUrlEncodedContent(new Dictionary<string, string> { ["title"] = "Mine" })))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var ideas = app.Services.GetRequiredService<IIdeaStore>();
        var before = (await ideas.FindAsync("analysed", ideaIds[0]))!.Status;
        (await analyst.Http.PutAsJsonAsync($"/api/v1/admin/ideas/{ideaIds[0]}/status", new { status = "shortlisted" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ideas.FindAsync("analysed", ideaIds[0]))!.Status.Should().Be(before, "the refused status change changed nothing");
        analyst.Dispose();
    }

    /// <summary>Six ideas on each of three topics (parking, waiting lists, food), each by its topic's own member.</summary>
    private async Task<List<long>> PostTopicsAsync(string host)
    {
        string[] topics =
        [
            "Cheaper parking at the car park for visitors|More parking spaces, the car park is full|Free car parking for carers|Parking permits so visitors find a car park space|Show free parking spaces at the car park|Blue badge parking near the car park entrance",
            "Text patients their place on the waiting list|How long is the waiting list for an operation|A waiting list app with the wait in weeks|Call patients waiting longest on the list|A letter every month on the waiting list|Cancelled operation slots for the waiting list",
            "Hot meals for patients at weekends|Healthier food and fruit in the canteen|Choose your meals the day before|Vegetarian meals on every ward menu|Hot food in the canteen at night|Fresh meals cooked on the ward, not reheated food",
        ];
        var ideaIds = new List<long>();
        foreach (var topic in topics)
        {
            var (author, _) = await With(host, Roles.Member, "Topic Author");
            foreach (var title in topic.Split('|')) ideaIds.Add(await author.PostIdeaAsync(title, title + ", please."));
            author.Dispose();
        }
        return ideaIds;
    }

    /// <summary>The page once the background run has finished (it shows progress until then).</summary>
    private static async Task<string> WhenSuggestedAsync(Visitor manager)
    {
        for (var look = 0; look < 600; look++)
        {
            var (_, html) = await manager.GetPageAsync(SuggestionsPage);
            if (html.Contains("are ready", StringComparison.Ordinal) || html.Contains("did not finish", StringComparison.Ordinal)) return html;
            await Task.Delay(100);
        }
        throw new TimeoutException("The suggestions run did not finish within a minute.");
    }
}
