using Engine.Core.Challenges;
using Engine.Core.Common;
using Engine.Core.Stats;
using Engine.Core.Tenancy;
using Engine.Web.Accounts;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Engine.Web.Api;

public static class StatsApi
{
    /// <param name="ImportedIdeas">Of <paramref name="Ideas"/>, those imported from offline sessions (video calls, tweet chats); likewise comments.</param>
    public sealed record StatsResponse(int People, int Ideas, int Comments, int Votes, int Interactions, int ImportedIdeas, int ImportedComments, int Sources);
    public sealed record DayResponse(DateOnly Day, int People, int NewPeople, int Ideas, int Comments, int Votes, int Interactions);
    public sealed record DailyResponse(string? Challenge, string TimeZone, IReadOnlyList<DayResponse> Days);

    public static StatsResponse Response(SiteStats s) => new(s.People, s.Ideas, s.Comments, s.Votes, s.Interactions, s.ImportedIdeas, s.ImportedComments, s.Sources);

    public static void MapStatsApi(this RouteGroupBuilder api)
    {
        const string meaning = "Each person counted once however they took part (named or anonymously); an interaction is an idea, comment or vote; " +
            "only content on the site counts (not held, rejected or hidden); merged duplicates count; ideas and comments from offline sessions count, and also on their own. See /about/numbers.";

        api.MapGet("/stats", async (HttpContext context, IStatsQuery stats) =>
            Response(await stats.GetAsync(context.Tenant().Id, context.RequestAborted)))
            .WithTags("Stats").WithSummary("Headline numbers for the whole site. " + meaning);

        api.MapGet("/challenges/{slug}/stats", async Task<Results<Ok<StatsResponse>, Refusal>> (HttpContext context, string slug, IStatsQuery stats, OpenChallenge open) =>
        {
            var challenge = await open.FindAsync(context.Tenant().Id, slug, context.RequestAborted);
            if (!challenge.Succeeded) return ApiResults.Problem(challenge.Error!);
            return TypedResults.Ok(Response(await stats.ForChallengeAsync(context.Tenant().Id, challenge.Value!.Id, context.RequestAborted)));
        }).Refuses(ErrorKind.NotFound).WithTags("Stats").WithSummary("Headline numbers for one challenge. " + meaning);

        // Over time, for the team's dashboard: champions and up.
        api.MapGet("/admin/stats/daily", async Task<Results<Ok<DailyResponse>, Refusal>> (HttpContext context, string? challenge, IStatsQuery stats, IChallengeStore challenges, TimeProvider clock) =>
        {
            var tenant = context.Tenant();
            long? challengeId = null;
            if (!string.IsNullOrEmpty(challenge))
            {
                var found = await challenges.FindBySlugAsync(tenant.Id, challenge, context.RequestAborted);
                if (found is null) return ApiResults.Problem(Error.Invalid("challenge", "There is no such challenge.").Keyed("error.no-such-challenge"));
                challengeId = found.Id;
            }
            var days = await stats.DailyAsync(tenant.Id, challengeId, tenant.Zone(), clock.GetUtcNow(), context.RequestAborted);
            return TypedResults.Ok(new DailyResponse(challenge is { Length: > 0 } ? challenge : null, tenant.TimeZone,
                days.Select(d => new DayResponse(d.Day, d.People, d.NewPeople, d.Ideas, d.Comments, d.Votes, d.Interactions)).ToList()));
        }).Refuses(ErrorKind.Validation).RequireAuthorization(Policies.Team).AddEndpointFilter<CookieAntiforgery>().WithTags("Admin")
            .WithSummary("Day by day (in the site's time zone): people taking part, new people, ideas, comments, votes, interactions; the whole site or one challenge.");
    }
}
