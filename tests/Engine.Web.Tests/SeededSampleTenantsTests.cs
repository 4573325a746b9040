using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Core.Members;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests;

/// <summary>
/// The demo data of every sample tenant in tenants/, as Development seeds it, obeys that tenant's own rules as its
/// tenant.json states them, and is about that tenant's own subject.
/// </summary>
public class SeededSampleTenantsTests(SeededSampleTenantsTests.App app) : IClassFixture<SeededSampleTenantsTests.App>
{
    public sealed class App : EngineApp
    {
        protected override string Environment => "Development";
        protected override bool SeedDemoData => true;
        protected override string? TenantsOverride => Path.Combine(TestRepository.Root, "tenants");
    }

    private static string[] TenantIds => Directory.GetDirectories(Path.Combine(TestRepository.Root, "tenants"))
        .Where(d => File.Exists(Path.Combine(d, "tenant.json"))).Select(d => Path.GetFileName(d)).Order().ToArray();

    public static TheoryData<string> SampleTenants => new(TenantIds);

    /// <summary>What tenant.json says members may do, read as the file states it.</summary>
    private sealed record Rules(bool DownVotes, bool AnonymousPosting, string Anonymity, int? VoteBudget, string Host)
    {
        public static Rules Of(string tenantId)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestRepository.Root, "tenants", tenantId, "tenant.json")));
            var t = json.RootElement;
            var rules = t.GetProperty("rules");
            var voting = rules.GetProperty("voting");
            return new Rules(t.GetProperty("features").GetProperty("downVotes").GetBoolean(), t.GetProperty("features").GetProperty("anonymousPosting").GetBoolean(),
                rules.GetProperty("anonymity").GetProperty("rule").GetString()!,
                voting.GetProperty("rule").GetString() == "budget" ? voting.GetProperty("settings").GetProperty("votes").GetInt32() : null,
                t.GetProperty("hosts")[0].GetString()!);
        }
    }

    [Theory]
    [MemberData(nameof(SampleTenants))]
    public void The_seeded_votes_obey_the_sites_voting_rules(string tenantId)
    {
        var rules = Rules.Of(tenantId);
        Scalar($"SELECT COUNT(*) FROM votes WHERE tenant_id = '{tenantId}'").Should().BeGreaterThan(0, "the demo has votes to obey the rules with");
        if (!rules.DownVotes)
            Scalar($"SELECT COUNT(*) FROM votes WHERE tenant_id = '{tenantId}' AND value < 0").Should().Be(0, "thumbs-down is off on {0}", tenantId);
        if (rules.VoteBudget is { } budget)
            Scalar($"""
                SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) AS n FROM votes v JOIN ideas i ON i.tenant_id = v.tenant_id AND i.id = v.idea_id
                WHERE v.tenant_id = '{tenantId}' GROUP BY v.member_id, i.challenge_id) AS per_member
                """).Should().BeInRange(1, budget, "each member has {0} votes per challenge", budget);
    }

    [Theory]
    [MemberData(nameof(SampleTenants))]
    public async Task The_seeded_ideas_and_comments_obey_the_sites_anonymity_rules(string tenantId)
    {
        var rules = Rules.Of(tenantId);
        var anonymous = Rows($"""
            SELECT 'ideas', id, author_id FROM ideas WHERE tenant_id = '{tenantId}' AND anonymous <> 0
            UNION ALL SELECT 'comments', id, author_id FROM comments WHERE tenant_id = '{tenantId}' AND anonymous <> 0
            """);
        if (!rules.AnonymousPosting || rules.Anonymity == "named")
        {
            anonymous.Should().BeEmpty("{0} takes named posts only", tenantId);
            return;
        }
        anonymous.Should().NotBeEmpty("{0} lets members post anonymously, and the demo shows it", tenantId);
        if (rules.Anonymity != "fully-anonymous") return;

        anonymous.Should().OnlyContain(r => r[2] == null, "a fully anonymous post keeps no link to its author");
        var (moderator, moderatorId) = await app.MemberAsync(rules.Host, Roles.Moderator, "Mo Derator");
        using var _ = moderator;
        var names = Rows($"SELECT display_name, email FROM members WHERE tenant_id = '{tenantId}' AND id <> {moderatorId}")
            .SelectMany(r => r).Cast<string>().ToList();
        foreach (var row in anonymous)
        {
            var reveal = await moderator.Http.PostAsJsonAsync($"api/v1/moderation/{row[0]}/{row[1]}/reveal", new { reason = "Checking the demo keeps its promise" });
            reveal.StatusCode.Should().Be(HttpStatusCode.Conflict, $"{row[0]} {row[1]} is fully anonymous");
            var body = await reveal.Content.ReadAsStringAsync();
            names.Where(body.Contains).Should().BeEmpty($"the answer about {row[0]} {row[1]} names nobody");
        }
    }

    [Fact]
    public void Each_sample_tenant_has_ideas_of_its_own_in_every_challenge()
    {
        var tenants = TenantIds;
        foreach (var tenantId in tenants)
            Scalar($"""
                SELECT COUNT(*) FROM challenges c WHERE c.tenant_id = '{tenantId}'
                AND NOT EXISTS (SELECT 1 FROM ideas i WHERE i.tenant_id = c.tenant_id AND i.challenge_id = c.id)
                """).Should().Be(0, "every challenge of {0} has demo ideas", tenantId);
        var shared = Rows($"""
            SELECT title FROM ideas WHERE tenant_id IN ({string.Join(", ", tenants.Select(t => $"'{t}'"))})
            GROUP BY title HAVING COUNT(DISTINCT tenant_id) > 1
            """);
        shared.Select(r => r[0]).Should().BeEmpty("each sample tenant's demo ideas are about its own subject");
    }

    [Fact]
    public async Task Solving_together_shows_imported_sessions_news_and_a_big_idea_on_its_roadmap()
    {
        var sources = Rows("SELECT name FROM import_sources WHERE tenant_id = 'solving-together'").Select(r => (string)r[0]!).ToList();
        sources.Should().Contain(s => s.Contains("Connect session")).And.Contain(s => s.Contains("Tweet chat"));
        using var visitor = app.Visit("solving-together.localhost");
        var news = Rows("SELECT title FROM news WHERE tenant_id = 'solving-together' AND published <> 0");
        news.Should().NotBeEmpty();
        (await visitor.GetPageAsync("/news")).Html.Should().Contain(WebUtility.HtmlEncode((string)news[0][0]!));
        var bigIdeas = Rows("SELECT b.title FROM big_ideas b WHERE b.tenant_id = 'solving-together' AND EXISTS (SELECT 1 FROM idea_themes t WHERE t.tenant_id = b.tenant_id AND t.big_idea_id = b.id)");
        bigIdeas.Should().NotBeEmpty("a themed big idea is on the roadmap");
        (await visitor.GetPageAsync("/roadmap")).Html.Should().Contain(WebUtility.HtmlEncode((string)bigIdeas[0][0]!));
    }

    private long Scalar(string sql) => Convert.ToInt64(Rows(sql).Single()[0]);

    private List<object?[]> Rows(string sql)
    {
        using var c = app.Services.GetRequiredService<Engine.Data.Database>().OpenReader();
        using var command = c.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read()) rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToArray());
        return rows;
    }
}
