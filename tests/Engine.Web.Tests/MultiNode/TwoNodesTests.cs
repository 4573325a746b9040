using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Engine.Tests.Shared;
using Engine.Web.Tests.Durability;
using Dapper;
using Npgsql;

namespace Engine.Web.Tests.MultiNode;

/// <summary>
/// Two real engine processes on different ports sharing one PostgreSQL database, as behind a reverse
/// proxy: the tenants and data folders are the shared disk (docs/deploy.md), everything else goes
/// through the database. Whichever node a request lands on, the person sees the same site.
/// </summary>
[Trait("Store", "Both")] // starts its own engines on PostgreSQL: run once, not again in the PostgreSQL run
public sealed class TwoNodesTests : IAsyncLifetime
{
    internal const string Password = "correct horse battery";
    private const string SystemPassword = "system admin password 1";
    private const string BudgetedHost = "budgeted.test";
    private const int Budget = 2;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "engine-two-nodes", Guid.NewGuid().ToString("N"));
    private string Tenants => Path.Combine(_root, "tenants");
    private string Data => Path.Combine(_root, "data");
    private string _database = null!;
    private EngineProcess _a = null!, _b = null!;

    public async Task InitializeAsync()
    {
        var tenant = EngineApp.Tenant("alpha", "Alpha", ["127.0.0.1"], anonymous: false, downVotes: true);
        Directory.CreateDirectory(Path.Combine(Tenants, "alpha"));
        await File.WriteAllTextAsync(Path.Combine(Tenants, "alpha", "tenant.json"), JsonSerializer.Serialize(tenant));
        var budgeted = EngineApp.Tenant("budgeted", "Budgeted", [BudgetedHost], anonymous: false, downVotes: false);
        budgeted["rules"] = new { voting = new { rule = "budget", settings = new { votes = Budget } } };
        Directory.CreateDirectory(Path.Combine(Tenants, "budgeted"));
        await File.WriteAllTextAsync(Path.Combine(Tenants, "budgeted", "tenant.json"), JsonSerializer.Serialize(budgeted));
        _database = await TestPostgres.CreateDatabaseAsync();
        var settings = new Dictionary<string, string>
        {
            ["Engine__Storage__Postgres"] = _database,
            ["Engine__TenantScanInterval"] = "00:00:00.200",
            ["Engine__System__Hosts__0"] = "localhost",
            ["Engine__System__BootstrapEmail"] = "ops@example.nhs.uk",
            ["Engine__System__BootstrapPassword"] = SystemPassword,
        };
        // One after the other: the first applies the migrations (the second would wait on the lock and find nothing to do).
        _a = await EngineProcess.StartAsync(Tenants, Data, settings);
        _b = await EngineProcess.StartAsync(Tenants, Data, settings);
    }

    public async Task DisposeAsync()
    {
        if (_a is not null) await _a.DisposeAsync();
        if (_b is not null) await _b.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(_database);
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { /* best effort */ }
    }

    internal static HttpClient Client(EngineProcess node, CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{node.Port}/"),
            Timeout = TimeSpan.FromSeconds(30),
        };

    internal static async Task<HttpClient> WithTokenAsync(EngineProcess node, string email, string? host = null)
    {
        var client = Client(node);
        var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/account/tokens") { Content = JsonContent.Create(new { email, password = Password }) };
        if (host is not null) request.Headers.Host = host;
        var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
        if (host is not null) client.DefaultRequestHeaders.Host = host;
        return client;
    }

    internal static async Task<long> RegisterAsync(EngineProcess node, string email, CookieContainer? cookies = null, string? host = null)
    {
        using var client = Client(node, cookies);
        if (host is not null) client.DefaultRequestHeaders.Host = host;
        var response = await Visitor.RegisterAndSignInAsync(client, email, email.Split('@')[0], Password);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task A_vote_on_one_node_is_counted_on_the_other()
    {
        await RegisterAsync(_a, "author@example.nhs.uk");
        await RegisterAsync(_b, "voter@example.nhs.uk");
        using var author = await WithTokenAsync(_a, "author@example.nhs.uk");
        using var voter = await WithTokenAsync(_a, "voter@example.nhs.uk");
        using var readerOnB = Client(_b);
        // The challenge page on B is read (and cached) before the idea is posted on A, so seeing it below proves B dropped its copy.
        (await readerOnB.GetStringAsync("challenges/waiting-well")).Should().NotContain("Text patients their place in the queue");
        (await readerOnB.GetStringAsync("challenges/waiting-well")).Should().NotContain("Text patients their place in the queue");
        var posted = await author.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = "Text patients their place in the queue", body = "b", anonymous = false });
        var idea = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        (await voter.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 })).StatusCode.Should().Be(HttpStatusCode.OK);

        var onB = await readerOnB.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{idea}");
        onB.GetProperty("up").GetInt32().Should().Be(1);
        await Eventually(async () => (await readerOnB.GetStringAsync("challenges/waiting-well")).Contains("Text patients their place in the queue"),
            TimeSpan.FromSeconds(1), "the idea posted on A listed on B's cached challenge page");
    }

    [Fact]
    public async Task A_members_votes_sent_at_once_to_both_nodes_never_spend_more_than_their_budget()
    {
        await RegisterAsync(_a, "budget-author@example.nhs.uk", host: BudgetedHost);
        using var author = await WithTokenAsync(_a, "budget-author@example.nhs.uk", BudgetedHost);
        var ideas = new List<long>();
        for (var i = 0; i < 4 * Budget; i++)
        {
            var posted = await author.PostAsJsonAsync("api/v1/challenges/waiting-well/ideas", new { title = $"Budgeted idea {i + 1}", body = "b", anonymous = false });
            posted.StatusCode.Should().Be(HttpStatusCode.Created, await posted.Content.ReadAsStringAsync());
            ideas.Add((await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
        }
        for (var round = 1; round <= 3; round++)
        {
            var email = $"budget-voter-{round}@example.nhs.uk";
            await RegisterAsync(_b, email, host: BudgetedHost);
            // One member, one token, half the votes through each node, all at once.
            using var onA = await WithTokenAsync(_a, email, BudgetedHost);
            using var onB = Client(_b);
            onB.DefaultRequestHeaders.Host = BudgetedHost;
            onB.DefaultRequestHeaders.Authorization = onA.DefaultRequestHeaders.Authorization;
            var votes = await Task.WhenAll(ideas.Select((idea, i) => (i % 2 == 0 ? onA : onB).PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 })));

            votes.Count(v => v.StatusCode == HttpStatusCode.OK).Should().Be(Budget, $"round {round}: the member has {Budget} votes, whichever node counts them");
            foreach (var refused in votes.Where(v => v.StatusCode != HttpStatusCode.OK))
            {
                refused.StatusCode.Should().Be(HttpStatusCode.BadRequest, await refused.Content.ReadAsStringAsync());
                (await refused.Content.ReadAsStringAsync()).Should().Contain($"used all {Budget} of your votes");
            }
            var mine = await Task.WhenAll(ideas.Select(idea => onB.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{idea}")));
            mine.Count(idea => idea.GetProperty("myVote").GetInt32() == 1).Should().Be(Budget, "a refused vote is not stored");
            mine.Sum(idea => idea.GetProperty("up").GetInt32()).Should().Be(Budget * round, "the counts moved only for the votes accepted");
        }
    }

    [Fact]
    public async Task Many_members_voting_on_a_few_ideas_through_both_nodes_at_once_never_deadlock_and_every_vote_counts_once()
    {
        const int Members = 8, MindChanges = 3;
        var deadlocksBefore = await DeadlocksAsync();
        var sites = new[] { (Host: (string?)null, Challenge: "waiting-well"), (Host: (string?)BudgetedHost, Challenge: "waiting-well") };
        var ideasBySite = new List<List<long>>();
        foreach (var (host, challenge) in sites)
        {
            var author = $"storm-author-{ideasBySite.Count}@example.nhs.uk";
            await RegisterAsync(_a, author, host: host);
            using var onA = await WithTokenAsync(_a, author, host);
            var ideas = new List<long>();
            for (var i = 0; i < 4; i++)
            {
                var posted = await onA.PostAsJsonAsync($"api/v1/challenges/{challenge}/ideas", new { title = $"Storm idea {i + 1}", body = "b", anonymous = false });
                posted.StatusCode.Should().Be(HttpStatusCode.Created, await posted.Content.ReadAsStringAsync());
                ideas.Add((await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
            }
            ideasBySite.Add(ideas);
        }
        var voters = new List<(HttpClient OnA, HttpClient OnB, int Site, int Member)>();
        for (var m = 0; m < Members; m++)
            for (var site = 0; site < sites.Length; site++)
            {
                var email = $"storm-{m}-{site}@example.nhs.uk";
                await RegisterAsync(_b, email, host: sites[site].Host);
                var onA = await WithTokenAsync(_a, email, sites[site].Host);
                var onB = Client(_b);
                if (sites[site].Host is { } host) onB.DefaultRequestHeaders.Host = host;
                onB.DefaultRequestHeaders.Authorization = onA.DefaultRequestHeaders.Authorization;
                voters.Add((onA, onB, site, m));
            }

        // Every member votes on every idea of their site, all at once, half through each node, in an order of their own (members
        // and ideas cross between the nodes' groups); on the thumbs site each changes their mind a few times (up, down, up...).
        // A member votes on one idea through one node only.
        var votes = await Task.WhenAll(voters.SelectMany(v => ideasBySite[v.Site].SelectMany((idea, i) =>
                Enumerable.Range(0, v.Site == 0 ? MindChanges : 1).Select(change => (v, idea, i, Value: change % 2 == 0 ? 1 : -1))))
            .OrderBy(x => (x.i * 7 + x.v.Member * 5) % 11).Select(async x =>
            {
                var response = await ((x.v.Member + x.i) % 2 == 0 ? x.v.OnA : x.v.OnB).PutAsJsonAsync($"api/v1/ideas/{x.idea}/vote", new { value = x.Value });
                return (x.v.Site, x.v.Member, x.idea, response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            }));
        foreach (var v in voters) { v.OnA.Dispose(); v.OnB.Dispose(); }

        foreach (var refused in votes.Where(v => v.StatusCode != HttpStatusCode.OK))
        {
            refused.Site.Should().Be(1, $"only the budgeted site refuses a vote: {refused.StatusCode} {refused.Body}");
            refused.StatusCode.Should().Be(HttpStatusCode.BadRequest, refused.Body);
            refused.Body.Should().Contain($"used all {Budget} of your votes");
        }
        votes.Where(v => v.Site == 1).GroupBy(v => v.Member).Should().AllSatisfy(member =>
            member.Count(v => v.StatusCode == HttpStatusCode.OK).Should().Be(Budget, "each budgeted member spends exactly their budget"));
        // Not pooled: the connection must be gone when the nodes are stopped and their connections counted.
        await using var db = new NpgsqlConnection(_database + ";Pooling=false");
        await db.OpenAsync();
        var stored = (await db.QueryAsync<(string TenantId, long IdeaId, long MemberId, long Value)>("SELECT tenant_id, idea_id, member_id, value FROM votes")).ToList();
        stored.Count(v => v.TenantId == "alpha").Should().Be(Members * ideasBySite[0].Count, "each member's last vote on each idea is stored, once");
        stored.Count(v => v.TenantId == "budgeted").Should().Be(votes.Count(v => v.Site == 1 && v.StatusCode == HttpStatusCode.OK),
            "every accepted vote is stored once, and no refused one");
        var counts = (await db.QueryAsync<(string TenantId, long IdeaId, long Up, long Down, long Voters)>(
            "SELECT tenant_id, idea_id, up_count, down_count, voter_count FROM idea_counts")).ToDictionary(c => (c.TenantId, c.IdeaId));
        foreach (var (tenant, ideas) in new[] { "alpha", "budgeted" }.Zip(ideasBySite))
            foreach (var idea in ideas)
            {
                var its = stored.Where(v => v.TenantId == tenant && v.IdeaId == idea).ToList();
                (counts.TryGetValue((tenant, idea), out var c) ? (c.Up, c.Down, c.Voters) : (0, 0, 0))
                    .Should().Be((its.Count(v => v.Value > 0), its.Count(v => v.Value < 0), its.Count), $"{tenant} idea {idea}'s counts equal its votes");
            }
        stored.Where(v => v.TenantId == "budgeted").GroupBy(v => v.MemberId)
            .Should().AllSatisfy(m => m.Count().Should().BeLessThanOrEqualTo(Budget, "no member exceeds their budget"));
        await db.CloseAsync();
        await StopNodesAsync();
        (await DeadlocksAsync()).Should().Be(deadlocksBefore, "the nodes' groups take their locks in one order, so PostgreSQL finds no deadlock to break");
    }

    /// <summary>
    /// A server process counts its deadlocks in shared memory only when it reports its statistics, at the latest when it
    /// exits: stopping the nodes, and waiting for their connections to go, makes the count whole.
    /// </summary>
    private async Task StopNodesAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        _a = _b = null!;
        var name = new NpgsqlConnectionStringBuilder(_database).Database;
        await using var server = new NpgsqlConnection(TestPostgres.Server);
        await server.OpenAsync();
        await Eventually(async () => await server.ExecuteScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = @name", new { name }) == 0,
            TimeSpan.FromSeconds(30), "the nodes' connections closing");
    }

    /// <summary>Deadlocks PostgreSQL has broken in the test's database (see <see cref="StopNodesAsync"/>).</summary>
    private async Task<long> DeadlocksAsync()
    {
        var name = new NpgsqlConnectionStringBuilder(_database).Database;
        await using var server = new NpgsqlConnection(TestPostgres.Server);
        await server.OpenAsync();
        return await server.ExecuteScalarAsync<long>("SELECT deadlocks FROM pg_stat_database WHERE datname = @name", new { name });
    }

    [Fact]
    public async Task A_sign_in_cookie_issued_by_one_node_is_accepted_by_the_other()
    {
        var cookies = new CookieContainer();
        await RegisterAsync(_a, "cookie@example.nhs.uk", cookies); // registering signs in with a cookie, issued by A
        using var onB = Client(_b, cookies);
        var page = await onB.GetAsync("account/contributions");
        page.StatusCode.Should().Be(HttpStatusCode.OK, "B reads A's cookie with the key ring kept in the database");

        using var stranger = Client(_b);
        (await stranger.GetAsync("account/contributions")).StatusCode.Should().Be(HttpStatusCode.Redirect, "without the cookie B asks to sign in");
        Directory.GetFiles(Path.Combine(Data, "keys"), "key-*.xml").Should().BeEmpty("with PostgreSQL the key ring is in the database, not on disk");
    }

    [Fact]
    public async Task A_tenant_created_on_one_node_serves_on_the_other_and_its_admins_switch_takes_effect_there_within_a_second()
    {
        // The system site on A creates the tenant: tenant.json on the shared disk, its first admin in the database.
        using var ops = Client(_a);
        var token = await ops.SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/v1/account/tokens")
        {
            Content = JsonContent.Create(new { email = "ops@example.nhs.uk", password = SystemPassword }),
            Headers = { Host = "localhost" },
        });
        token.StatusCode.Should().Be(HttpStatusCode.OK, await token.Content.ReadAsStringAsync());
        var create = new HttpRequestMessage(HttpMethod.Post, "api/v1/system/tenants")
        {
            Content = JsonContent.Create(new
            {
                id = "delta", name = "Delta Ideas", hosts = new[] { "delta.test" }, theme = "base", anonymousPosting = false, downVotes = true,
                adminEmail = "admin@delta.nhs.uk", adminName = "Delta Admin",
            }),
            Headers = { Host = "localhost", Authorization = new("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()) },
        };
        var created = await ops.SendAsync(create);
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var adminPassword = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("adminPassword").GetString()!;

        using var onB = Client(_b);
        onB.DefaultRequestHeaders.Host = "delta.test";
        await Eventually(async () => (await onB.GetAsync("")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(5), "B serving the new tenant");

        // Its admin signs in on B with the password A made; a member there votes thumbs-down, which the site allows.
        using var admin = Client(_a);
        admin.DefaultRequestHeaders.Host = "delta.test";
        var adminToken = await admin.PostAsJsonAsync("api/v1/account/tokens", new { email = "admin@delta.nhs.uk", password = adminPassword });
        adminToken.StatusCode.Should().Be(HttpStatusCode.OK);
        admin.DefaultRequestHeaders.Authorization = new("Bearer", (await adminToken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
        using (var register = Client(_b))
        {
            var r = await register.SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/v1/account/register")
            {
                Content = JsonContent.Create(new { email = "member@delta.nhs.uk", password = Password, displayName = "Member" }),
                Headers = { Host = "delta.test" },
            });
            r.StatusCode.Should().Be(HttpStatusCode.Accepted, await r.Content.ReadAsStringAsync());
        }
        using var member = await WithTokenAsync(_b, "member@delta.nhs.uk", "delta.test");
        var challenge = await admin.PostAsJsonAsync("api/v1/admin/challenges", new
        {
            slug = "first", title = "First challenge", description = "d", opensAt = DateTimeOffset.UtcNow.AddDays(-1), closesAt = DateTimeOffset.UtcNow.AddDays(10), state = "open",
        });
        challenge.IsSuccessStatusCode.Should().BeTrue(await challenge.Content.ReadAsStringAsync());
        var posted = await member.PostAsJsonAsync("api/v1/challenges/first/ideas", new { title = "An idea", body = "b", anonymous = false });
        posted.StatusCode.Should().Be(HttpStatusCode.Created, await posted.Content.ReadAsStringAsync());
        var idea = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        (await member.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = -1 })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await member.DeleteAsync($"api/v1/ideas/{idea}/vote")).StatusCode.Should().Be(HttpStatusCode.OK);

        // The admin turns thumbs-down off on A; B refuses a thumbs-down (LISTEN/NOTIFY, no restart). B never polls the
        // settings, so without the notice this never happens: the deadline is only how long a busy machine may take
        // (a one-second bound here measured the machine, not the engine).
        (await admin.PutAsJsonAsync("api/v1/admin/settings", new { anonymousPosting = false, downVotes = false })).StatusCode.Should().Be(HttpStatusCode.OK);
        await Eventually(async () => (await member.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = -1 })).StatusCode == HttpStatusCode.BadRequest,
            TimeSpan.FromSeconds(15), "B refusing thumbs-down after A's admin switched it off");
    }

    private static async Task Eventually(Func<Task<bool>> condition, TimeSpan deadline, string what)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < deadline)
        {
            if (await condition()) return;
            await Task.Delay(25);
        }
        if (!await condition()) throw new TimeoutException($"{what} did not happen within {deadline.TotalSeconds} s");
    }
}
