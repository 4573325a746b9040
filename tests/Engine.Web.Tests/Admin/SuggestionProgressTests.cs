using System.Globalization;
using System.Net;
using Engine.Core.BigIdeas.Suggestions;
using Engine.Core.Members;
using Engine.Data.Stores;
using Engine.Web.Languages;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.Admin;

/// <summary>
/// A suggestion run in the background shows on /admin/suggestions how far it has got, as a percentage and the step it
/// is on. The store is held at its reading and at its saving, so the page is read while the run is surely at each.
/// </summary>
public sealed class SuggestionProgressTests(SuggestionProgressTests.App app) : IClassFixture<SuggestionProgressTests.App>
{
    private const string Page = "/admin/suggestions?challenge=waiting-well";

    public sealed class App : EngineApp
    {
        public GatedStore Gates { get; private set; } = null!;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton<IThemeSuggestionStore>(sp =>
                Gates = new GatedStore(ActivatorUtilities.CreateInstance<ThemeSuggestionStore>(sp))));
        }
    }

    [Fact]
    public async Task The_suggestions_page_shows_the_percentage_and_the_step_of_a_run_while_it_reads_and_while_it_saves()
    {
        var (author, _) = await app.MemberAsync("alpha.test", Roles.Member, "Topic Author");
        foreach (var title in new[] { "More parking at the car park", "Free car parking for carers", "Hot meals for patients", "Healthier meals on the ward" })
            await author.PostIdeaAsync(title, title + ", please.");
        var (manager, _) = await app.MemberAsync("alpha.test", Roles.CommunityManager, "Cam Manager");

        (await manager.SubmitAsync(Page, Page + "&handler=Start", [])).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await app.Gates.Reading.Entered.Task.WaitAsync(TimeSpan.FromMinutes(1));
        var (status, reading) = await manager.GetPageAsync(Page);
        status.Should().Be(HttpStatusCode.OK);
        WebUtility.HtmlDecode(reading).Should().Contain("Suggesting themes for “Waiting well”: 0% done.")
            .And.Contain("<span id=\"phase\">Step 2 of 6: reading the ideas and comments.</span>").And.Contain("<progress max=\"100\" value=\"0\"");

        app.Gates.Reading.Release.SetResult();
        await app.Gates.Saving.Entered.Task.WaitAsync(TimeSpan.FromMinutes(1));
        var (_, saving) = await manager.GetPageAsync(Page);
        WebUtility.HtmlDecode(saving).Should().Contain("Suggesting themes for “Waiting well”: 95% done.")
            .And.Contain("<span id=\"phase\">Step 6 of 6: saving the suggestions.</span>").And.Contain("<progress max=\"100\" value=\"95\"");

        app.Gates.Saving.Release.SetResult();
        var (_, done) = await manager.GetPageAsync(Page);
        // Finished is set just after the saving: look again until then (a minute at most).
        for (var look = 0; look < 600 && !done.Contains("are ready", StringComparison.Ordinal); look++)
        {
            await Task.Delay(100);
            (_, done) = await manager.GetPageAsync(Page);
        }
        done.Should().Contain("are ready").And.NotContain("id=\"phase\"");
    }

    [Fact]
    public void Every_step_of_a_run_is_worded_in_English_and_in_Welsh()
    {
        foreach (var phase in Enum.GetValues<SuggestionPhase>())
            foreach (var culture in new[] { "en", "cy" })
                EngineWords.Catalogues.Find(culture, "admin.suggestions.phase-" + phase.ToString().ToLowerInvariant(), fallBack: false)
                    .Should().NotBeNull($"{phase} is worded in {culture}");
        EngineWords.Text(CultureInfo.GetCultureInfo("cy-GB"), "admin.suggestions.phase-grouping").Should().Be("Cam 5 o 6: grwpio pob syniad.");
    }

    /// <summary>One place a run stops until the test lets it go on.</summary>
    public sealed class Gate
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task PassAsync()
        {
            Entered.TrySetResult();
            await Release.Task;
        }
    }

    /// <summary>The engine's store, held before a run reads its texts and before it saves its suggestions.</summary>
    public sealed class GatedStore(IThemeSuggestionStore store) : IThemeSuggestionStore
    {
        public Gate Reading { get; } = new();
        public Gate Saving { get; } = new();

        public async Task<int> TextCountAsync(string tenantId, long challengeId, CancellationToken ct = default)
        {
            await Reading.PassAsync();
            return await store.TextCountAsync(tenantId, challengeId, ct);
        }

        public IEnumerable<IReadOnlyList<ThemeText>> Texts(string tenantId, long challengeId, int batchSize, CancellationToken ct = default) =>
            store.Texts(tenantId, challengeId, batchSize, ct);

        public async Task ReplaceAsync(string tenantId, SuggestionRun run, IReadOnlyList<(string Title, IReadOnlyList<string> TopTerms, IReadOnlyList<long> IdeaIds)> suggestions,
            CancellationToken ct = default)
        {
            await Saving.PassAsync();
            await store.ReplaceAsync(tenantId, run, suggestions, ct);
        }

        public Task<SuggestionRun?> RunAsync(string tenantId, long challengeId, CancellationToken ct = default) => store.RunAsync(tenantId, challengeId, ct);
        public Task<IReadOnlyList<ThemeSuggestion>> SuggestionsAsync(string tenantId, long challengeId, CancellationToken ct = default) =>
            store.SuggestionsAsync(tenantId, challengeId, ct);
        public Task<ThemeSuggestion?> FindAsync(string tenantId, long id, CancellationToken ct = default) => store.FindAsync(tenantId, id, ct);
        public Task RenameAsync(string tenantId, long id, string title, CancellationToken ct = default) => store.RenameAsync(tenantId, id, title, ct);
        public Task MergeAsync(string tenantId, long intoId, long otherId, IReadOnlyList<string> topTerms, IReadOnlyList<long> ideaIds, CancellationToken ct = default) =>
            store.MergeAsync(tenantId, intoId, otherId, topTerms, ideaIds, ct);
        public Task DecideAsync(string tenantId, long id, SuggestionState state, long? themeId, CancellationToken ct = default) =>
            store.DecideAsync(tenantId, id, state, themeId, ct);
    }
}
