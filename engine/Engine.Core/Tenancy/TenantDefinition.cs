namespace Engine.Core.Tenancy;

/// <summary>A branded challenge site, as read from <c>tenants/&lt;id&gt;/tenant.json</c>.</summary>
public sealed record TenantDefinition
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public TenantState State { get; init; } = TenantState.Active;
    public IReadOnlyList<string> Hosts { get; init; } = [];
    /// <summary>Empty, or a path such as <c>/london</c> when several tenants share one host.</summary>
    public string PathPrefix { get; init; } = "";
    public string Theme { get; init; } = "base";
    public ThemeSettings ThemeSettings { get; init; } = new();
    /// <summary>The site's default language and formats (a culture such as en-GB or cy-GB).</summary>
    public string Locale { get; init; } = "en-GB";
    /// <summary>tenant.json "languages": the cultures the site also offers (<see cref="Locale"/> is offered whether listed or not); people choose among them.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];
    /// <summary>The IANA time zone the site's people live in: admins enter and read times in it; the store keeps UTC.</summary>
    public string TimeZone { get; init; } = "Europe/London";
    public TenantFeatures Features { get; init; } = new();
    public IReadOnlyList<ChallengeDefinition> Challenges { get; init; } = [];
    /// <summary>Which plugin rules this site uses; absent choices use the engine's built-in defaults.</summary>
    public RuleChoices Rules { get; init; } = new();
    /// <summary>Who the site's emails come from and where replies go; absent, the engine's default sender.</summary>
    public TenantEmail Email { get; init; } = new();
    /// <summary>tenant.json "accounts": how long a member's personal API tokens may last here.</summary>
    public TenantAccounts Accounts { get; init; } = new();
    /// <summary>tenant.json "signIn": password accounts on or off, and the OpenID Connect providers people sign in with.</summary>
    public TenantSignIn SignIn { get; init; } = new();
    /// <summary>tenant.json "editing": how long members may edit their own ideas and comments.</summary>
    public Engine.Core.Editing.TenantEditing Editing { get; init; } = new();
    /// <summary>tenant.json "coding": the code frame analysts apply, and whether codes are shown on idea pages.</summary>
    public Engine.Core.Coding.TenantCoding Coding { get; init; } = new();
    /// <summary>
    /// Per-challenge switches and rules an admin set at run time, by challenge slug. They win over the
    /// challenge's own settings in tenant.json; never read from the file.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<string, ChallengeOverride> ChallengeOverrides { get; init; } = new Dictionary<string, ChallengeOverride>();
    /// <summary>The tenant's own folder, where <c>overrides/</c> and <c>assets/</c> live.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Folder { get; init; } = "";
}

public enum TenantState { Active, Offline }

/// <summary>tenant.json "email": <c>from</c> like <c>"North East ideas &lt;ideas@north-east.nhs.uk&gt;"</c>, and an optional <c>replyTo</c>.</summary>
public sealed record TenantEmail
{
    public string? From { get; init; }
    public string? ReplyTo { get; init; }
}

/// <summary>
/// tenant.json "accounts": <c>maxTokenDays</c> caps the lifetime of a personal API token (default and most 365). The retention
/// rule: <c>deleteInactiveAfterMonths</c> (absent: off) deletes a member account nobody has used for that many months,
/// <c>inactiveWarningDays</c> (default 30) after emailing its owner.
/// </summary>
public sealed record TenantAccounts
{
    public const int MaxTokenDaysLimit = 365;
    public const int InactiveMonthsMin = 6, InactiveMonthsMax = 120, WarningDaysMin = 14, WarningDaysMax = 180;
    public int MaxTokenDays { get; init; } = MaxTokenDaysLimit;
    public int? DeleteInactiveAfterMonths { get; init; }
    public int InactiveWarningDays { get; init; } = 30;
}

public static class TenantTime
{
    /// <summary>The site's time zone; UTC if the system does not know it (tenant.json is checked when it loads).</summary>
    public static TimeZoneInfo Zone(this TenantDefinition tenant) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(tenant.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}

public sealed record ThemeSettings
{
    public string? Logo { get; init; }
    public string PrimaryColour { get; init; } = "#005eb8";
    public string AccentColour { get; init; } = "#ffeb3b";
    public string? Tagline { get; init; }
    /// <summary>A logo an admin uploaded (a file name in the engine's data folder); wins over <see cref="Logo"/>. Never read from the file.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? UploadedLogo { get; init; }
}

/// <summary>Switches a tenant admin turns on or off; the engine default is the safer choice.</summary>
public sealed record TenantFeatures
{
    public bool AnonymousPosting { get; init; }
    public bool DownVotes { get; init; }
}

/// <summary>A challenge declared in tenant.json; synchronised into the store when the tenant loads.</summary>
public sealed record ChallengeDefinition
{
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public string Description { get; init; } = "";
    public DateTimeOffset? OpensAt { get; init; }
    public DateTimeOffset? ClosesAt { get; init; }
    public Challenges.ChallengeState State { get; init; } = Challenges.ChallengeState.Open;
    /// <summary>tenant.json "audience": who may see it (everyone, members, groups, invited); private ones are hidden from everyone else.</summary>
    public Challenges.AudienceKind Audience { get; init; } = Challenges.AudienceKind.Everyone;
    /// <summary>tenant.json "groups": with audience "groups", the slugs of the groups whose members may see it.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];
    /// <summary>Switches that differ from the tenant's for this challenge only.</summary>
    public FeatureOverrides? Features { get; init; }
    /// <summary>Rules that differ from the tenant's for this challenge only.</summary>
    public RuleChoices? Rules { get; init; }
    /// <summary>tenant.json "ideaForm": the extra fields its idea form asks and the categories authors pick from.</summary>
    public IdeaForms.IdeaForm? IdeaForm { get; init; }

    public Challenges.Audience ToAudience() => new(Audience, Audience == Challenges.AudienceKind.Groups ? Groups : []);
}

/// <summary>What an admin changed for one challenge at run time; a null part (or switch) means "as the site".</summary>
public sealed record ChallengeOverride
{
    public FeatureOverrides? Features { get; init; }
    public RuleChoices? Rules { get; init; }
    public IdeaForms.IdeaForm? IdeaForm { get; init; }
}

public sealed record FeatureOverrides
{
    public bool? AnonymousPosting { get; init; }
    public bool? DownVotes { get; init; }
}

/// <summary>A site's (or challenge's) choice of plugin rules, each with its settings.</summary>
public sealed record RuleChoices
{
    public RuleChoice? Voting { get; init; }
    /// <summary>Run in this order; the first that holds or rejects decides.</summary>
    public IReadOnlyList<RuleChoice>? Moderation { get; init; }
    public RuleChoice? Anonymity { get; init; }
    /// <summary>Plugin event handlers told what happens on the site (the site's choice only: challenges do not override it).</summary>
    public IReadOnlyList<RuleChoice>? Events { get; init; }
}

public sealed record RuleChoice
{
    public required string Rule { get; init; }
    public IReadOnlyDictionary<string, System.Text.Json.JsonElement>? Settings { get; init; }
}
