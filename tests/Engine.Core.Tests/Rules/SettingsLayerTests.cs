using Engine.Core.Administration;
using Engine.Core.Rules;
using Engine.Core.Tenancy;

namespace Engine.Core.Tests.Rules;

/// <summary>tenant.json &lt; the site's admin settings &lt; the challenge's (tenant.json, then admin) overrides.</summary>
public class SettingsLayerTests
{
    private static readonly TenantDefinition FromFile = new()
    {
        Id = "alpha", Name = "Alpha", Hosts = ["alpha.test"],
        Features = new TenantFeatures { AnonymousPosting = false, DownVotes = true },
        Rules = new RuleChoices { Voting = new RuleChoice { Rule = "thumbs" }, Moderation = [new RuleChoice { Rule = "personal-data" }] },
        ThemeSettings = new ThemeSettings { PrimaryColour = "#123456", Logo = "assets/logo.png", Tagline = "From the file" },
        Challenges = [new ChallengeDefinition { Slug = "filed", Title = "Filed", Features = new FeatureOverrides { DownVotes = false }, Rules = new RuleChoices { Voting = new RuleChoice { Rule = "points" } } }],
    };

    [Fact]
    public void No_admin_settings_leave_the_file_definition_as_it_is()
    {
        SiteSettings.None.Apply(FromFile).Should().BeSameAs(FromFile);
    }

    [Fact]
    public void Admin_switches_rules_and_brand_win_over_tenant_json()
    {
        var effective = (new SiteSettings(true, null)
        {
            Rules = new RuleChoices { Moderation = [] },
            Branding = new Branding("New name", "", "#00305e", "#ffb81c") { Logo = "logo-1.png" },
        }).Apply(FromFile);

        effective.Features.Should().Be(new TenantFeatures { AnonymousPosting = true, DownVotes = true });
        effective.Rules.Voting.Should().BeNull("the admin's rules replace tenant.json's whole: built-in voting");
        effective.Rules.Moderation.Should().BeEmpty();
        effective.Name.Should().Be("New name");
        effective.ThemeSettings.Should().Be(FromFile.ThemeSettings with { PrimaryColour = "#00305e", AccentColour = "#ffb81c", Tagline = null, UploadedLogo = "logo-1.png" });
    }

    [Fact]
    public void A_challenge_follows_the_site_except_where_tenant_json_or_an_admin_overrode_it_and_the_admin_wins()
    {
        var site = new SiteSettings(true, true) { Rules = new RuleChoices { Voting = new RuleChoice { Rule = "budget" } } };
        var plain = site.Apply(FromFile);
        Features.For(plain, "filed").Should().Be(new TenantFeatures { AnonymousPosting = true, DownVotes = false }, "tenant.json's challenge override beats the site's switch");
        Features.RulesFor(plain, "filed").Voting!.Rule.Should().Be("points");
        Features.RulesFor(plain, "other").Voting!.Rule.Should().Be("budget");

        var overridden = (site with
        {
            Challenges = new Dictionary<string, ChallengeOverride>
            {
                ["filed"] = new() { Features = new FeatureOverrides { DownVotes = true, AnonymousPosting = false }, Rules = new RuleChoices { Anonymity = new RuleChoice { Rule = "named" } } },
                ["other"] = new() { Rules = new RuleChoices { Moderation = [] } },
            },
        }).Apply(FromFile);
        Features.For(overridden, "filed").Should().Be(new TenantFeatures { AnonymousPosting = false, DownVotes = true });
        var filed = Features.RulesFor(overridden, "filed");
        (filed.Voting!.Rule, filed.Anonymity!.Rule).Should().Be(("points", "named"), "a part the admin left alone still comes from tenant.json's challenge");
        Features.RulesFor(overridden, "other").Moderation.Should().BeEmpty("an empty list is a choice: no moderation in this challenge");
        Features.RulesFor(overridden, null).Moderation.Should().BeNullOrEmpty("the admin's site rules replaced tenant.json's whole, and named no moderation rule");
    }
}
