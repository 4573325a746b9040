using Engine.Core.Ideas;
using Engine.Data.Stores;

namespace Engine.Data.Tests;

public class ThemingStoreTests : IAsyncLifetime
{
    private readonly StoreFixture _store = new();
    private ThemingStore Theming => new(_store.Db);
    private long _challenge, _alice, _first, _second;

    public async Task InitializeAsync()
    {
        await _store.InitializeAsync();
        _challenge = (await _store.ChallengeAsync("t1")).Id;
        _alice = (await _store.MemberAsync("t1", "alice")).Id;
        _first = await _store.IdeaAsync("t1", _challenge, _alice, title: "Text patients their place");
        _second = await _store.IdeaAsync("t1", _challenge, _alice, title: "A waiting-room app");
    }

    public Task DisposeAsync() => _store.DisposeAsync();

    /// <summary>Site t1 has event handlers.</summary>
    private sealed class Subscribed : Core.Events.IEventSubscribers
    {
        public bool Any(string tenantId) => tenantId == "t1";
    }

    [Fact]
    public async Task Every_status_theming_and_the_roadmap_move_an_idea_to_is_told_to_the_sites_event_handlers_in_order()
    {
        var theming = new ThemingStore(_store.Db, new Subscribed());
        var theme = await theming.AddThemeAsync("t1", _challenge, "Keeping people informed", "", StoreFixture.Now);
        await theming.AddIdeaAsync("t1", theme, _first, StoreFixture.Now);
        var bigIdea = await theming.AddBigIdeaAsync("t1", _challenge, "A text service", "", "", StoreFixture.Now);
        await theming.SetBigIdeaAsync("t1", theme, bigIdea, StoreFixture.Now);
        await theming.SetStageAsync("t1", bigIdea, IdeaStatus.Prototyping, StoreFixture.Now);

        var outbox = new Events.EventOutboxStore(_store.Db);
        var told = new List<Sdk.SiteEvent>();
        for (var e = await outbox.ClaimAsync("t1", StoreFixture.Now.AddMinutes(5), TimeSpan.FromMinutes(1), 10); e.Count > 0;
             e = await outbox.ClaimAsync("t1", StoreFixture.Now.AddMinutes(5), TimeSpan.FromMinutes(1), 10))
            foreach (var taken in e)
            {
                told.Add(taken.Event);
                await outbox.DoneAsync(taken.Event, "delivered", null, StoreFixture.Now.AddMinutes(5));
            }

        told.Select(e => (e.Stream, e.Kind, e.Status)).Should().Equal(
            ($"idea/{_first}", Sdk.EventKinds.StatusChanged, IdeaStatus.Themed.Key()),
            ($"idea/{_first}", Sdk.EventKinds.StatusChanged, IdeaStatus.Shortlisted.Key()),
            ($"idea/{_first}", Sdk.EventKinds.StatusChanged, IdeaStatus.Prototyping.Key()));
        told.Should().OnlyContain(e => e.Title == "Text patients their place" && e.IdeaId == _first);
    }

    [Fact]
    public async Task A_theme_links_back_to_each_idea_once_and_moves_it_to_themed()
    {
        var theme = await Theming.AddThemeAsync("t1", _challenge, "Keeping people informed", "Texts and apps", StoreFixture.Now);
        (await Theming.AddIdeaAsync("t1", theme, _first, StoreFixture.Now)).Should().Be((true, true));
        (await Theming.AddIdeaAsync("t1", theme, _first, StoreFixture.Now)).Should().Be((false, false), "already in the theme");
        await Theming.AddIdeaAsync("t1", theme, _second, StoreFixture.Now);

        var found = (await Theming.FindThemeAsync("t1", theme))!;
        found.IdeaIds.Should().Equal(_first, _second);
        (found.Title, found.Summary, found.BigIdeaId).Should().Be(("Keeping people informed", "Texts and apps", (long?)null));
        (await _store.Ideas.FindAsync("t1", _first))!.Status.Should().Be(IdeaStatus.Themed);
        (await Theming.FindThemeAsync("t2", theme)).Should().BeNull("another tenant never sees it");

        (await Theming.RemoveIdeaAsync("t1", theme, _second)).Should().BeTrue();
        (await Theming.RemoveIdeaAsync("t1", theme, _second)).Should().BeFalse();
        (await Theming.FindThemeAsync("t1", theme))!.IdeaIds.Should().Equal(_first);
    }

    [Fact]
    public async Task A_later_decision_is_never_overwritten_by_grouping()
    {
        await new ResponsivenessStore(_store.Db).SetStatusAsync("t1", _second, IdeaStatus.Prototyping, null, StoreFixture.Now);
        var theme = await Theming.AddThemeAsync("t1", _challenge, "Keeping people informed", "", StoreFixture.Now);
        (await Theming.AddIdeaAsync("t1", theme, _second, StoreFixture.Now)).Should().Be((true, false));
        var bigIdea = await Theming.AddBigIdeaAsync("t1", _challenge, "A national waiting-list text service", "Summary", "**Markdown**", StoreFixture.Now);
        (await Theming.SetBigIdeaAsync("t1", theme, bigIdea, StoreFixture.Now)).Should().BeEmpty();
        (await _store.Ideas.FindAsync("t1", _second))!.Status.Should().Be(IdeaStatus.Prototyping);
    }

    [Fact]
    public async Task Putting_a_theme_in_a_big_idea_shortlists_its_ideas_and_each_idea_knows_where_it_feeds_in()
    {
        var theme = await Theming.AddThemeAsync("t1", _challenge, "Keeping people informed", "", StoreFixture.Now);
        await Theming.AddIdeaAsync("t1", theme, _first, StoreFixture.Now);
        var bigIdea = await Theming.AddBigIdeaAsync("t1", _challenge, "A national waiting-list text service", "Summary", "**Markdown**", StoreFixture.Now);

        (await Theming.SetBigIdeaAsync("t1", theme, bigIdea, StoreFixture.Now)).Should().Equal(_first);
        (await _store.Ideas.FindAsync("t1", _first))!.Status.Should().Be(IdeaStatus.Shortlisted);
        var found = (await Theming.FindBigIdeaAsync("t1", bigIdea))!;
        found.ThemeIds.Should().Equal(theme);
        found.Description.Should().Be("**Markdown**");
        (await Theming.BigIdeasAsync("t1", _challenge)).Should().ContainSingle();
        (await Theming.GroupingsOfIdeaAsync("t1", _first)).Should().Equal(new Core.BigIdeas.IdeaGrouping(theme, "Keeping people informed", bigIdea, "A national waiting-list text service"));
        (await Theming.GroupingsOfIdeaAsync("t1", _second)).Should().BeEmpty();

        (await Theming.UpdateBigIdeaAsync("t1", bigIdea, "Texts for everyone waiting", "New summary", "New text", StoreFixture.Now)).Should().BeTrue();
        (await Theming.UpdateBigIdeaAsync("t2", bigIdea, "Not theirs", "", "", StoreFixture.Now)).Should().BeFalse();
        (await Theming.SetBigIdeaAsync("t1", theme, null, StoreFixture.Now)).Should().BeEmpty();
        (await Theming.FindBigIdeaAsync("t1", bigIdea))!.Should().Match<Core.BigIdeas.BigIdea>(b => b.ThemeIds.Count == 0 && b.Title == "Texts for everyone waiting");
    }

    [Fact]
    public async Task Deleting_a_big_idea_keeps_its_themes_and_deleting_a_theme_keeps_its_ideas()
    {
        var theme = await Theming.AddThemeAsync("t1", _challenge, "Keeping people informed", "", StoreFixture.Now);
        await Theming.AddIdeaAsync("t1", theme, _first, StoreFixture.Now);
        var bigIdea = await Theming.AddBigIdeaAsync("t1", _challenge, "A text service", "", "", StoreFixture.Now);
        await Theming.SetBigIdeaAsync("t1", theme, bigIdea, StoreFixture.Now);

        (await Theming.DeleteBigIdeaAsync("t2", bigIdea)).Should().BeFalse("another tenant cannot delete it");
        (await Theming.DeleteBigIdeaAsync("t1", bigIdea)).Should().BeTrue();
        (await Theming.FindBigIdeaAsync("t1", bigIdea)).Should().BeNull();
        (await Theming.FindThemeAsync("t1", theme))!.BigIdeaId.Should().BeNull();

        (await Theming.DeleteThemeAsync("t1", theme)).Should().BeTrue();
        (await Theming.DeleteThemeAsync("t1", theme)).Should().BeFalse();
        (await Theming.GroupingsOfIdeaAsync("t1", _first)).Should().BeEmpty();
        (await _store.Ideas.FindAsync("t1", _first))!.Status.Should().Be(IdeaStatus.Shortlisted);
    }
}
