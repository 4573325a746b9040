using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Core.Challenges;
using Engine.Core.Members;
using Engine.Core.Tenancy;
using Engine.Data.Stores;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests;

/// <summary>
/// The pages and the API call that list the site's challenges on every view (home, search, numbers, GET /api/v1/challenges)
/// read the list once across votes: reading it counts every challenge's ideas (9 ms at 160,000), and no vote changes a
/// count. A new idea drops the kept list, so its challenge's count is right at once.
/// </summary>
public sealed class KeptChallengeListTests(KeptChallengeListTests.App app) : IClassFixture<KeptChallengeListTests.App>
{
    public sealed class App : EngineApp
    {
        public CountingChallenges Store { get; private set; } = null!;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton<IChallengeStore>(sp => Store = new CountingChallenges(ActivatorUtilities.CreateInstance<ChallengeStore>(sp))));
        }
    }

    [Fact]
    public async Task The_site_s_challenge_list_is_read_once_across_votes_and_a_new_idea_is_counted_at_once()
    {
        var (member, _) = await app.MemberAsync("alpha.test", Roles.Member, "Kept List");
        await member.UseAntiforgeryHeaderAsync();
        var idea = await member.PostIdeaAsync("Kept list idea", "Counted once.");
        var before = await WaitingWellIdeasAsync(member);
        foreach (var page in new[] { "/", "/search?q=kept", "/about/numbers" })
            (await member.GetPageAsync(page)).Status.Should().Be(HttpStatusCode.OK);

        var reads = app.Store.ListReads;
        (await member.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 })).StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var page in new[] { "/", "/search?q=kept", "/about/numbers" })
            (await member.GetPageAsync(page)).Status.Should().Be(HttpStatusCode.OK);
        (await WaitingWellIdeasAsync(member)).Should().Be(before);
        app.Store.ListReads.Should().Be(reads, "no vote changes a challenge or its count of ideas");

        await member.PostIdeaAsync("Another kept list idea", "Counted at once.");
        (await WaitingWellIdeasAsync(member)).Should().Be(before + 1, "a new idea is a write besides votes, which drops the kept list");
        app.Store.ListReads.Should().Be(reads + 1);
    }

    private static async Task<int> WaitingWellIdeasAsync(Visitor member)
    {
        var list = await member.Http.GetFromJsonAsync<JsonElement>("api/v1/challenges");
        return list.EnumerateArray().Single(c => c.GetProperty("slug").GetString() == "waiting-well").GetProperty("ideaCount").GetInt32();
    }

    /// <summary>The store, counting how often alpha's list is read.</summary>
    public sealed class CountingChallenges(IChallengeStore store) : IChallengeStore
    {
        private int _listReads;
        public int ListReads => Volatile.Read(ref _listReads);

        public Task<IReadOnlyList<Challenge>> ListAsync(string tenantId, CancellationToken ct = default)
        {
            if (tenantId == "alpha") Interlocked.Increment(ref _listReads);
            return store.ListAsync(tenantId, ct);
        }

        public Task<Challenge?> FindBySlugAsync(string tenantId, string slug, CancellationToken ct = default) => store.FindBySlugAsync(tenantId, slug, ct);
        public Task<Challenge?> FindByIdAsync(string tenantId, long id, CancellationToken ct = default) => store.FindByIdAsync(tenantId, id, ct);
        public Task SyncAsync(string tenantId, IReadOnlyList<ChallengeDefinition> challenges, CancellationToken ct = default) => store.SyncAsync(tenantId, challenges, ct);
        public Task<bool> SaveAsync(string tenantId, ChallengeDefinition challenge, bool create, CancellationToken ct = default) => store.SaveAsync(tenantId, challenge, create, ct);
        public Task<bool> ReorderAsync(string tenantId, IReadOnlyList<string> slugs, CancellationToken ct = default) => store.ReorderAsync(tenantId, slugs, ct);
    }
}
