using System.Text.Json;
using Engine.Core.Administration;
using Engine.Core.Tenancy;
using Engine.Data.Stores;

namespace Engine.Data.Tests;

public class SiteSettingsStoreTests : IAsyncLifetime
{
    private readonly StoreFixture _store = new();
    public Task InitializeAsync() => _store.InitializeAsync();
    public Task DisposeAsync() => _store.DisposeAsync();

    private SiteSettingsStore Settings => new(_store.Db);
    private static readonly DateTimeOffset Now = StoreFixture.Now;

    private static RuleChoices Budget(int votes) => new()
    {
        Voting = new RuleChoice { Rule = "budget", Settings = new Dictionary<string, JsonElement> { ["votes"] = JsonSerializer.SerializeToElement(votes) } },
        Moderation = [new RuleChoice { Rule = "personal-data" }, new RuleChoice { Rule = "word-list" }],
    };

    [Fact]
    public async Task Each_part_is_saved_on_its_own_so_saving_one_never_overwrites_another()
    {
        await Settings.SaveAsync("alpha", new SiteSettings(true, false), 1, Now);
        await Settings.SaveRulesAsync("alpha", Budget(3), 1, Now);
        await Settings.SaveBrandingAsync("alpha", new Branding("Alpha", "Tag", "#00305e", "#ffb81c") { Logo = "logo-0123456789abcdef.png" }, 1, Now);
        await Settings.SaveAsync("alpha", new SiteSettings(false, true), 2, Now);

        var alpha = (await Settings.AllAsync())["alpha"];
        (alpha.AnonymousPosting, alpha.DownVotes).Should().Be((false, true));
        alpha.Rules!.Voting!.Rule.Should().Be("budget");
        alpha.Rules.Voting.Settings!["votes"].GetInt32().Should().Be(3);
        alpha.Rules.Moderation!.Select(m => m.Rule).Should().Equal("personal-data", "word-list");
        alpha.Branding.Should().Be(new Branding("Alpha", "Tag", "#00305e", "#ffb81c") { Logo = "logo-0123456789abcdef.png" });

        await Settings.SaveRulesAsync("alpha", null, 1, Now);
        (await Settings.AllAsync())["alpha"].Rules.Should().BeNull("null goes back to tenant.json's rules");
    }

    [Fact]
    public async Task Challenge_overrides_are_kept_per_tenant_and_challenge_and_cleared_by_null()
    {
        var over = new ChallengeOverride { Features = new FeatureOverrides { DownVotes = false }, Rules = new RuleChoices { Anonymity = new RuleChoice { Rule = "named" } } };
        await Settings.SaveChallengeAsync("alpha", "waiting-well", over, 1, Now);
        await Settings.SaveChallengeAsync("beta", "waiting-well", new ChallengeOverride { Features = new FeatureOverrides { AnonymousPosting = true } }, 1, Now);

        var all = await Settings.AllAsync();
        var alpha = all["alpha"].Challenges["waiting-well"];
        alpha.Features.Should().Be(new FeatureOverrides { DownVotes = false });
        alpha.Rules!.Anonymity!.Rule.Should().Be("named");
        alpha.Rules.Voting.Should().BeNull();
        all["alpha"].AnonymousPosting.Should().BeNull("a challenge override alone sets nothing site-wide");
        all["beta"].Challenges["waiting-well"].Features!.AnonymousPosting.Should().BeTrue();

        await Settings.SaveChallengeAsync("alpha", "waiting-well", null, 1, Now);
        (await Settings.AllAsync()).Should().NotContainKey("alpha");
        (await Settings.AllAsync())["beta"].Challenges.Should().ContainKey("waiting-well");
    }
}
