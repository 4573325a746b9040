using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Engine.Core.Challenges;
using Engine.Core.Ideas;
using Engine.Core.Rules;
using Engine.Core.Tenancy;
using Engine.Themes;
using Engine.Themes.Pages;
using Engine.Web.Site;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Bench.Micro;

/// <summary>
/// Figure 3: the challenge page with 200 ideas, rendered by the nhs theme into a reused writer, as
/// ThemedPage does with its pooled buffer. Building the view model is measured apart, so each cost shows.
/// </summary>
[MemoryDiagnoser]
public class RenderBenchmarks
{
    public const string Render200 = "Render the challenge page, 200 ideas, nhs theme, into a pooled writer";
    private CompiledTheme _theme = null!;
    private ChallengePage _model = null!;
    private DefaultHttpContext _context = null!;
    private List<Idea> _ideas = null!;
    private Challenge _challenge = null!;
    private readonly StringBuilder _buffer = new(512 * 1024);
    private StringWriter _writer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var repository = BenchOptions.FindRepositoryRoot(AppContext.BaseDirectory);
        var themes = new ThemeEngine(Path.Combine(repository, "themes"), NullLogger<ThemeEngine>.Instance);
        _theme = themes.Get("nhs", null).Theme;
        var tenant = new TenantDefinition
        {
            Id = "big", Name = "Big region ideas", Theme = "nhs", Features = new TenantFeatures { AnonymousPosting = true, DownVotes = true },
            ThemeSettings = new ThemeSettings { Tagline = "Ideas to improve care" },
        };
        _context = new DefaultHttpContext
        {
            // The page model asks the site's rules whether to offer thumbs-down: the built-in ones, as with no plugins.
            RequestServices = new ServiceCollection().AddSingleton<IRuleResolver>(new BuiltInRulesOnly())
                .AddSingleton(new AssetUrls(new Engine.Web.Plugins.TenantThemes(themes,
                        new Engine.Plugins.Loading.PluginCatalog(Path.Combine(Path.GetTempPath(), "engine-bench-no-plugins"), TimeSpan.FromSeconds(1), NullLogger<Engine.Plugins.Loading.PluginCatalog>.Instance),
                        NullLogger<Engine.Web.Plugins.TenantThemes>.Instance),
                    Microsoft.Extensions.Options.Options.Create(new Engine.Web.Hosting.EngineOptions()),
                    new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ContentRootPath = Path.Combine(repository, "engine", "Engine.Web") }))
                .BuildServiceProvider(),
        };
        _context.Features.Set(tenant);
        _context.Request.Path = "/challenges/big-challenge";
        var now = DateTimeOffset.UtcNow;
        var faker = new Bogus.Faker("en_GB") { Random = new Bogus.Randomizer(7) };
        _challenge = new Challenge("big", 1, "big-challenge", "Waiting well for planned care", "How can we help people wait well?", now.AddDays(-14), now.AddDays(30), ChallengeState.Open, 0, 900);
        _ideas = Enumerable.Range(1, 200).Select(i => new Idea(i, 1, "big-challenge", faker.Lorem.Sentence(7), faker.Lorem.Paragraphs(2),
            faker.Random.Bool(0.8f) ? new AuthorView(faker.Name.FullName()) : null, false, IdeaStatus.Submitted,
            faker.Random.Int(0, 300), faker.Random.Int(0, 40), faker.Random.Int(0, 60), now.AddMinutes(-faker.Random.Int(1, 20_000)))).ToList();
        _model = Model();
        _writer = new StringWriter(_buffer);
        if (RenderIntoPooledWriter() < 10_000) throw new InvalidOperationException("The 200-idea page rendered to almost nothing: the model does not match the theme.");
    }

    private ChallengePage Model()
    {
        var culture = CultureInfo.GetCultureInfo("en-GB");
        var now = DateTimeOffset.UtcNow;
        // A visitor's page asks for no anti-forgery token.
        var page = new SitePage(_context, _context.RequestServices.GetRequiredService<IRuleResolver>(), Antiforgery: null!,
            _context.RequestServices.GetRequiredService<AssetUrls>());
        return new ChallengePage(
            Frame: page.Frame(_challenge.Title, challengeSlug: _challenge.Slug),
            Challenge: Views.Challenge(_challenge, "", now, culture),
            Ideas: _ideas.Select(i => Views.Idea(i, "", now, culture, 0, label: null)).ToList(),
            Total: 900,
            Allowance: null,
            Sorts: [new SortTab("Top", "/challenges/big-challenge?sort=top", true)],
            Pagination: new PaginationView(1, 5, null, "/challenges/big-challenge?sort=top&page=2"),
            Follow: null,
            Stats: new StatsView(0, 0, 0, 0, 0, 0, null),
            ThemedUrl: null);
    }

    [Benchmark(Description = Render200)]
    public int RenderIntoPooledWriter()
    {
        _buffer.Clear();
        _theme.Render("challenge", _model, _buffer.Clear());
        return _buffer.Length;
    }

    private sealed class BuiltInRulesOnly : IRuleResolver
    {
        public RuleSet For(TenantDefinition tenant, string? challengeSlug) =>
            new(Features.For(tenant, challengeSlug), BuiltInVoting.Instance, [], BuiltInAnonymity.Instance);
    }

    [Benchmark(Description = "Build the view model of the 200-idea page (labels, URLs, relative times)")]
    public object BuildViewModel() => Model();
}
