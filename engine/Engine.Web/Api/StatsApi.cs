using Engine.Core.Stats;
using Engine.Web.Tenancy;

namespace Engine.Web.Api;

public static class StatsApi
{
    /// <param name="ImportedIdeas">Of <paramref name="Ideas"/>, those imported from offline sessions (video calls, tweet chats); likewise comments.</param>
    public sealed record StatsResponse(int People, int Ideas, int Comments, int Votes, int Interactions, int ImportedIdeas, int ImportedComments, int Sources);

    public static void MapStatsApi(this RouteGroupBuilder api) =>
        api.MapGet("/stats", async (HttpContext context, IStatsQuery stats) =>
        {
            var s = await stats.GetAsync(context.Tenant().Id, context.RequestAborted);
            return new StatsResponse(s.People, s.Ideas, s.Comments, s.Votes, s.Interactions, s.ImportedIdeas, s.ImportedComments, s.Sources);
        }).WithTags("Stats").WithSummary("Headline numbers: each person counted once; an interaction is an idea, comment or vote; ideas and comments from offline sessions also on their own.");
}
