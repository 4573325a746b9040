using System.Text.Json;

namespace Engine.Browser.Tests;

/// <summary>
/// One of the repository's sample tenants (tenants/&lt;id&gt;/tenant.json), read as it is: what its members may do
/// (thumbs-down, anonymous posting, the anonymity, voting and moderation rules) and a challenge open today, so a
/// journey on it follows what that site really allows. <see cref="EngineServer"/> serves a copy of the folder.
/// </summary>
public sealed record SampleTenant(
    Site Site, string Challenge, string ChallengeTitle, bool DownVotes, bool AnonymousPosting, string Anonymity,
    string Voting, int? VoteBudget, IReadOnlyList<string> Moderation)
{
    public static readonly string[] Ids = ["home4noon", "london-community", "solving-together"];
    public static IReadOnlyList<SampleTenant> All { get; } = Ids.Select(Read).ToList();
    public static SampleTenant For(string id) => All.Single(t => t.Site.TenantId == id);

    /// <summary>Members may post anonymously: the site's switch is on and its anonymity rule is not "named".</summary>
    public bool AnonymousAllowed => AnonymousPosting && Anonymity != "named";
    /// <summary>A new member's first contributions wait for a moderator.</summary>
    public bool HoldsFirstPosts => Moderation.Contains("first-posts");

    public override string ToString() => Site.TenantId;

    private static SampleTenant Read(string id)
    {
        var file = Path.Combine(TestRepository.Root, "tenants", id, "tenant.json");
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var t = json.RootElement;
        var theme = t.GetProperty("themeSettings");
        var site = new Site(t.GetProperty("theme").GetString()!, t.GetProperty("name").GetString()!, id, t.GetProperty("hosts")[0].GetString()!,
            theme.GetProperty("primaryColour").GetString()!, theme.GetProperty("accentColour").GetString()!, id);
        var features = t.GetProperty("features");
        var rules = t.GetProperty("rules");
        var voting = rules.GetProperty("voting");
        int? budget = voting.GetProperty("rule").GetString() == "budget" ? voting.GetProperty("settings").GetProperty("votes").GetInt32() : null;
        // The sample challenges have real dates: the journeys need one that takes ideas today.
        var now = DateTimeOffset.UtcNow;
        var open = t.GetProperty("challenges").EnumerateArray().FirstOrDefault(c =>
            c.GetProperty("opensAt").GetDateTimeOffset() <= now
            && (!c.TryGetProperty("closesAt", out var closes) || closes.ValueKind == JsonValueKind.Null || closes.GetDateTimeOffset() > now));
        if (open.ValueKind != JsonValueKind.Object)
            throw new InvalidOperationException($"{file}: no challenge is open today ({now:yyyy-MM-dd}), so there is nothing to post to; give the sample tenant an open challenge.");
        return new SampleTenant(site, open.GetProperty("slug").GetString()!, open.GetProperty("title").GetString()!,
            features.GetProperty("downVotes").GetBoolean(), features.GetProperty("anonymousPosting").GetBoolean(),
            rules.GetProperty("anonymity").GetProperty("rule").GetString()!, voting.GetProperty("rule").GetString()!, budget,
            rules.GetProperty("moderation").EnumerateArray().Select(m => m.GetProperty("rule").GetString()!).ToList());
    }
}
