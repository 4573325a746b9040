using System.Text;
using Engine.Core.BigIdeas;
using Engine.Core.Challenges;
using Engine.Core.Comments;
using Engine.Core.Common;
using Engine.Core.Ideas;
using Engine.Core.Imports;
using Engine.Core.Moderation;
using Engine.Core.News;
using Engine.Core.Rules;
using Engine.Core.Tenancy;
using Engine.Core.Votes;
using Engine.Sdk;

namespace Engine.Web.Seeding;

/// <summary>
/// The demo's members and admin act through the engine's own use cases: posting ideas and comments (the anonymity
/// policy and the moderation rules decide how they are kept), voting (the voting rule decides; thumbs-down only where
/// it is on), a moderator approving what the rules held, an admin importing offline sessions, publishing news and
/// theming a closed challenge's ideas into a big idea. They run on a clock set to when the demo says each thing
/// happened, inside the challenge's open weeks, so a challenge that has closed since gets its ideas as it would have.
/// </summary>
internal sealed class DemoPosting
{
    private readonly DemoClock _clock = new();
    private readonly TenantDefinition _tenant;
    private readonly long _adminId;
    private readonly IReadOnlyList<long> _people;
    private readonly ILogger _logger;
    private readonly IRuleResolver _rules;
    private readonly PostIdea _postIdea;
    private readonly PostComment _postComment;
    private readonly CastVote _castVote;
    private readonly ModerateContent _moderation;
    private readonly ImportOfflineIdeas _import;
    private readonly ManageNews _news;
    private readonly ThemeIdeas _theming;
    // The same demo for a site at every start.
    private readonly Random _random;
    private readonly Dictionary<string, long> _ideaIds = new(StringComparer.Ordinal);

    public DemoPosting(IServiceProvider services, TenantDefinition tenant, long adminId, IReadOnlyList<long> people, ILogger logger)
    {
        (_tenant, _adminId, _people, _logger) = (tenant, adminId, people, logger);
        _rules = services.GetRequiredService<IRuleResolver>();
        _random = new Random(tenant.Id.Sum(c => c));
        var openIdea = Create<OpenIdea>(services);
        _postIdea = Create<PostIdea>(services, Create<OpenChallenge>(services));
        _postComment = Create<PostComment>(services, openIdea);
        _castVote = Create<CastVote>(services, openIdea);
        _moderation = Create<ModerateContent>(services);
        _import = Create<ImportOfflineIdeas>(services);
        _news = Create<ManageNews>(services);
        _theming = Create<ThemeIdeas>(services);
    }

    /// <summary>The use case as the engine has it, on the demo's clock.</summary>
    private T Create<T>(IServiceProvider services, params object[] more) => ActivatorUtilities.CreateInstance<T>(services, [_clock, .. more]);

    public async Task IdeasAsync(Challenge challenge, DemoIdea[] ideas, string[] comments, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var rules = _rules.For(_tenant, challenge.Slug);
        for (var n = 0; n < ideas.Length; n++)
        {
            var idea = ideas[n];
            var at = _clock.Now = from + (to - from) * (n + 1) / (ideas.Length + 2);
            var posted = await _postIdea.HandleAsync(_tenant, challenge.Slug, Someone(), idea.Title, idea.Body,
                idea.Anonymous && MayPostAnonymously(rules, ContributionKind.Idea), ct);
            if (!await PublishedAsync(posted, ContributionKind.Idea, $"idea “{idea.Title}”", ct)) continue;
            var ideaId = posted.Value!.Id;
            _ideaIds[idea.Title] = ideaId;
            foreach (var voter in _people.OrderBy(_ => _random.Next()).Take(_random.Next(2, _people.Count)))
            {
                _clock.Now = Between(at, to);
                var vote = await _castVote.CastAsync(_tenant, ideaId, voter, rules.Features.DownVotes && _random.Next(8) == 0 ? -1 : 1, ct);
                // A refusal is the voting rule at work (a spent budget, say): the demo simply has one vote fewer.
                if (!vote.Succeeded) _logger.LogDebug("Demo vote on idea {IdeaId} of {TenantId} refused: {Reason}", ideaId, _tenant.Id, vote.Error!.Message);
            }
            long? first = null;
            foreach (var text in comments.OrderBy(_ => _random.Next()).Take(_random.Next(1, 4)))
            {
                at = _clock.Now = Between(at, to);
                var comment = await _postComment.HandleAsync(_tenant, ideaId, Someone(), text,
                    _random.Next(4) == 0 && MayPostAnonymously(rules, ContributionKind.Comment), first, ct);
                if (await PublishedAsync(comment, ContributionKind.Comment, $"comment on idea {ideaId}", ct)) first ??= comment.Value!.Id;
            }
        }
    }

    /// <summary>An offline session's ideas and comments, imported by the admin on the day it was held, as a CSV file.</summary>
    public async Task ImportAsync(DemoSession session, DateTimeOffset heldAt, CancellationToken ct)
    {
        _clock.Now = heldAt;
        var csv = new StringBuilder("type,key,challenge,title,body,parent\n");
        for (var i = 0; i < session.Ideas.Count; i++)
        {
            var (title, body, comments) = session.Ideas[i];
            csv.Append(Csv("idea", $"idea-{i}", session.Challenge, title, body, ""));
            for (var j = 0; j < comments.Length; j++) csv.Append(Csv("comment", $"idea-{i}-comment-{j}", "", "", comments[j], $"idea-{i}"));
        }
        var heldOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(heldAt, _tenant.Zone()).DateTime).ToString("yyyy-MM-dd");
        var (preview, result) = await _import.ImportAsync(_tenant, _adminId, session.Name, heldOn, session.Facilitator, $"{session.Challenge}-{heldOn}.csv",
            Encoding.UTF8.GetBytes(csv.ToString()), ct: ct);
        if (result is null)
            _logger.LogWarning("Demo import {Source} for {TenantId} not imported: {Errors}", session.Name, _tenant.Id,
                string.Join("; ", preview.SourceErrors.Select(e => e.Message).Concat(preview.FileErrors.Concat(preview.RowErrors).Select(e => e.ToString()))));
    }

    public async Task NewsAsync(DemoNews news, DateTimeOffset at, CancellationToken ct)
    {
        _clock.Now = at;
        var saved = await _news.SaveAsync(_tenant.Id, _adminId, null, new NewsInput(news.Title, news.Summary, news.Body), ct);
        if (Done(saved, $"news “{news.Title}”")) Done(await _news.PublishAsync(_tenant.Id, _adminId, saved.Value, published: true, ct), $"publishing news “{news.Title}”");
    }

    /// <summary>Themes the closed challenge's ideas and puts the theme into a big idea at its stage of the roadmap.</summary>
    public async Task BigIdeaAsync(DemoBigIdea demo, DateTimeOffset at, CancellationToken ct)
    {
        _clock.Now = at;
        var theme = await _theming.CreateThemeAsync(_tenant, _adminId, demo.Challenge, new GroupText(demo.ThemeTitle, demo.ThemeSummary), ct);
        if (!Done(theme, $"theme “{demo.ThemeTitle}”")) return;
        foreach (var title in demo.IdeaTitles)
            if (_ideaIds.TryGetValue(title, out var ideaId)) Done(await _theming.AddIdeaAsync(_tenant, _adminId, theme.Value!.Id, ideaId, ct), $"theming “{title}”");
        var bigIdea = await _theming.CreateBigIdeaAsync(_tenant, _adminId, demo.Challenge, new GroupText(demo.Title, demo.Summary, demo.Description), ct);
        if (!Done(bigIdea, $"big idea “{demo.Title}”")) return;
        Done(await _theming.SetBigIdeaAsync(_tenant, _adminId, theme.Value!.Id, bigIdea.Value!.Id, ct), $"big idea “{demo.Title}”");
        Done(await _theming.MoveBigIdeaAsync(_tenant, _adminId, bigIdea.Value.Id, demo.Stage, ct), $"big idea “{demo.Title}” to {demo.Stage}");
    }

    /// <summary>Whether the site's anonymity policy takes an anonymous contribution here: never asked where it would refuse.</summary>
    private static bool MayPostAnonymously(RuleSet rules, ContributionKind kind) =>
        rules.Anonymity.Decide(new AnonymityRequest(kind, AuthorAskedForAnonymity: true, rules.Features.AnonymousPosting)) is AnonymityDecision.Store;

    /// <summary>Posted, and published: what a moderation rule held (a member's first posts, say), a moderator approves, as on the site.</summary>
    private async Task<bool> PublishedAsync(Outcome<Posted> posted, ContributionKind kind, string what, CancellationToken ct)
    {
        if (!Done(posted, what)) return false;
        return posted.Value!.State != ModerationState.Held || Done(await _moderation.ApproveAsync(_tenant, _adminId, kind, posted.Value.Id, ct), $"approving {what}");
    }

    private bool Done<T>(Outcome<T> outcome, string what)
    {
        if (!outcome.Succeeded) _logger.LogWarning("Demo content for {TenantId} not stored: {What}: {Reason}", _tenant.Id, what, outcome.Error!.Message);
        return outcome.Succeeded;
    }

    private long Someone() => _people[_random.Next(_people.Count)];

    private DateTimeOffset Between(DateTimeOffset after, DateTimeOffset before) => after + (before - after) * (0.05 + 0.3 * _random.NextDouble());

    private static string Csv(params string[] fields) => string.Join(',', fields.Select(f => $"\"{f.Replace("\"", "\"\"")}\"")) + "\n";

    /// <summary>The time the use cases see: when the demo says each thing happened.</summary>
    private sealed class DemoClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
