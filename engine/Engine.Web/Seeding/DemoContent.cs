namespace Engine.Web.Seeding;

/// <summary>A demo idea; anonymous ones are posted anonymously only where the site's rules let members do so.</summary>
internal sealed record DemoIdea(string Title, string Body, bool Anonymous = false);

/// <summary>Ideas and comments gathered offline, imported through the admins' import as a CSV file would be.</summary>
/// <param name="Ideas">Each with the comments made on it in the session.</param>
internal sealed record DemoSession(string Name, string Facilitator, string Challenge, int DaysAfterOpening,
    IReadOnlyList<(string Title, string Body, string[] Comments)> Ideas);

internal sealed record DemoNews(string Title, string Summary, string Body);

/// <summary>A theme of a closed challenge's ideas (picked by title), put into a big idea that has moved along the roadmap.</summary>
internal sealed record DemoBigIdea(string Challenge, string ThemeTitle, string ThemeSummary, string[] IdeaTitles,
    string Title, string Summary, string Description, string Stage);

/// <summary>One sample site's demo content, about its own subject.</summary>
internal sealed record DemoSite(IReadOnlyDictionary<string, DemoIdea[]> IdeasByChallenge, string[] Comments)
{
    public DemoSession[] Sessions { get; init; } = [];
    public DemoNews[] News { get; init; } = [];
    public DemoBigIdea? BigIdea { get; init; }

    /// <summary>The ideas for a challenge; a challenge the content does not know (added by an admin) gets the site's first list.</summary>
    public DemoIdea[] IdeasFor(string challengeSlug) =>
        IdeasByChallenge.TryGetValue(challengeSlug, out var ideas) ? ideas : IdeasByChallenge.Values.First();
}

/// <summary>Demo contributions in the voice of NHS staff and patients, for sample sites in development.</summary>
internal static class DemoContent
{
    public static readonly string[] People =
    [
        "Amara Okafor", "Tom Hughes", "Priya Sharma", "Gareth Evans", "Siobhan Kelly", "David Chen",
        "Fatima Begum", "Rachel Green", "Marcus Johnson", "Eleanor Wright", "Kwame Mensah", "Hannah Lewis",
    ];

    /// <summary>Each sample tenant's own content; any other tenant (a new one, a test's) gets general ideas about waiting well.</summary>
    public static DemoSite For(string tenantId) => tenantId switch
    {
        "solving-together" => SolvingTogetherDemo.Site,
        "london-community" => LondonCommunityDemo.Site,
        "home4noon" => Home4NoonDemo.Site,
        _ => General,
    };

    private static readonly DemoSite General = new(new Dictionary<string, DemoIdea[]>
    {
        ["*"] =
        [
            new("A quiet room for people waiting for results", "Somewhere calm to sit, away from the busy corridor, with a member of staff who checks in."),
            new("Tell people how long the wait is, honestly", "An estimate that is updated through the day does more for patience than any poster.", Anonymous: true),
            new("Volunteers to welcome people at the front door", "A friendly face who knows the building saves people getting lost and arriving late."),
            new("Free water and a phone charger in every waiting area", "Small things, but a long wait is much easier with them."),
        ],
    }, [
        "We tried something like this and it made a real difference.",
        "How would this work for people who do not speak English?",
        "Could it be piloted in one place first?",
    ]);
}
