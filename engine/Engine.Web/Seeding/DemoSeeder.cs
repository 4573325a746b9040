using System.Security.Cryptography;
using Engine.Core.Challenges;
using Engine.Core.Members;
using Engine.Core.Tenancy;
using Engine.Web.Hosting;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Engine.Web.Seeding;

/// <summary>
/// Development only: fills each sample tenant that has no members yet with demo members and its own demo content, and
/// (re)sets a demo admin whose fresh random password is printed at start-up. The content goes through the same use
/// cases as real posts, votes, moderation, imports and news (<see cref="DemoPosting"/>), so each site's rules hold for
/// it as they do for its members. Production never seeds, and no password is written in the code.
/// </summary>
public sealed class DemoSeeder(
    IHostEnvironment environment, IOptions<EngineOptions> options, TenantRegistry tenants, SiteSettingsLayer settings,
    IMemberStore members, IChallengeStore challenges, IServiceProvider services,
    IPasswordHasher<Member> hasher, ILookupNormalizer normalizer, TimeProvider clock, ILogger<DemoSeeder> logger,
    IHostApplicationLifetime lifetime, IServer server) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (!options.Value.SeedDemoData || !environment.IsDevelopment()) return;
        var credentials = new List<string>();
        foreach (var tenant in tenants.Current.Tenants)
        {
            var admin = await EnsureAdminAsync(tenant.Id, ct);
            if (admin.Created) await SeedContentAsync(settings.Effective(tenant), admin.Id, ct);
            credentials.Add($"  {tenant.Name}\n    {{0}}{tenant.PathPrefix}/  admin: {admin.Email} / {admin.Password}".Replace("{0}", $"http://{tenant.Hosts[0]}{{port}}"));
            logger.LogInformation("Demo admin for tenant {TenantId}: {Email}", tenant.Id, admin.Email);
        }
        // Printed once the server listens, so the addresses carry the real port. The password goes to
        // the console only, never to the log.
        lifetime.ApplicationStarted.Register(() =>
        {
            var port = ListeningPort.Suffix(server);
            Console.WriteLine("Demo sites (Development only; passwords are new at every start):");
            foreach (var line in credentials) Console.WriteLine(line.Replace("{port}", port));
        });
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private async Task<(string Email, string Password, long Id, bool Created)> EnsureAdminAsync(string tenantId, CancellationToken ct)
    {
        var email = $"admin@{tenantId}.example";
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
        var existing = await members.FindByEmailAsync(tenantId, normalizer.NormalizeEmail(email)!, ct);
        if (existing is not null)
        {
            existing.PasswordHash = hasher.HashPassword(existing, password);
            existing.LockoutEnd = null;
            existing.AccessFailedCount = 0;
            await members.UpdateAsync(existing, ct);
            return (email, password, existing.Id, false);
        }
        var admin = NewMember(tenantId, email, "Site administrator", Roles.Admin);
        admin.PasswordHash = hasher.HashPassword(admin, password);
        await members.AddAsync(admin, ct);
        return (email, password, admin.Id, true);
    }

    private Member NewMember(string tenantId, string email, string name, string role) => new()
    {
        TenantId = tenantId, Email = email, NormalizedEmail = normalizer.NormalizeEmail(email)!, DisplayName = name,
        Role = role, CreatedAt = clock.GetUtcNow(),
    };

    private async Task SeedContentAsync(TenantDefinition tenant, long adminId, CancellationToken ct)
    {
        var people = new List<long>();
        foreach (var name in DemoContent.People)
        {
            // Demo members have no password: nobody can sign in as them.
            var member = NewMember(tenant.Id, $"{name.ToLowerInvariant().Replace(' ', '.')}@{tenant.Id}.example", name, Roles.Member);
            await members.AddAsync(member, ct);
            people.Add(member.Id);
        }
        var site = DemoContent.For(tenant.Id);
        var posting = new DemoPosting(services, tenant, adminId, people, logger);
        var now = clock.GetUtcNow();
        var listed = await challenges.ListAsync(tenant.Id, ct);
        foreach (var challenge in listed)
            if (OpenWeeks(challenge, now) is (var from, var to))
                await posting.IdeasAsync(challenge, site.IdeasFor(challenge.Slug), site.Comments, from, to, ct);
        foreach (var session in site.Sessions)
            if (listed.FirstOrDefault(c => c.Slug == session.Challenge) is { } challenge && OpenWeeks(challenge, now) is (var from, var to))
                await posting.ImportAsync(session, new[] { from.AddDays(session.DaysAfterOpening), to }.Min(), ct);
        for (var n = 0; n < site.News.Length; n++)
            await posting.NewsAsync(site.News[n], now.AddDays(n - site.News.Length), ct);
        if (site.BigIdea is { } bigIdea) await posting.BigIdeaAsync(bigIdea, now, ct);
    }

    /// <summary>When the challenge took (or takes) ideas, up to now: null if it has not opened yet.</summary>
    private static (DateTimeOffset From, DateTimeOffset To)? OpenWeeks(Challenge challenge, DateTimeOffset now)
    {
        var from = challenge.OpensAt ?? now.AddDays(-28);
        var to = challenge.ClosesAt is { } closes && closes < now ? closes.AddHours(-1) : now;
        return to > from && challenge.AcceptsContributionsAt(from) ? (from, to) : null;
    }
}
