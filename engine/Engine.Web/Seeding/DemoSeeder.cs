using System.Security.Cryptography;
using Engine.Core.Challenges;
using Engine.Core.Comments;
using Engine.Core.Ideas;
using Engine.Core.Members;
using Engine.Core.Moderation;
using Engine.Core.Votes;
using Engine.Web.Hosting;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Engine.Web.Seeding;

/// <summary>
/// Development only: fills each sample tenant that has no members yet with demo members, ideas,
/// comments and votes, and (re)sets a demo admin whose fresh random password is printed at start-up.
/// Production never seeds, and no password is written in the code.
/// </summary>
public sealed class DemoSeeder(
    IHostEnvironment environment, IOptions<EngineOptions> options, TenantRegistry tenants,
    IMemberStore members, IChallengeStore challenges, IIdeaStore ideas, ICommentStore comments, IVoteStore votes,
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
            if (admin.Created) await SeedContentAsync(tenant.Id, ct);
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

    // Demo content is stored as already moderated; the anonymous ones keep their author link, as the default policy does.
    private static Admission Published(long memberId, bool anonymous) =>
        new(new Authorship(memberId, null, anonymous), ModerationState.Published, null);

    private async Task<(string Email, string Password, bool Created)> EnsureAdminAsync(string tenantId, CancellationToken ct)
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
            return (email, password, false);
        }
        var admin = NewMember(tenantId, email, "Site administrator", Roles.Admin);
        admin.PasswordHash = hasher.HashPassword(admin, password);
        await members.AddAsync(admin, ct);
        return (email, password, true);
    }

    private Member NewMember(string tenantId, string email, string name, string role) => new()
    {
        TenantId = tenantId, Email = email, NormalizedEmail = normalizer.NormalizeEmail(email)!, DisplayName = name,
        Role = role, CreatedAt = clock.GetUtcNow(),
    };

    private async Task SeedContentAsync(string tenantId, CancellationToken ct)
    {
        var random = new Random(tenantId.GetHashCode(StringComparison.Ordinal) & 0x7fffffff);
        var people = new List<Member>();
        foreach (var name in DemoContent.People)
        {
            // Demo members have no password: nobody can sign in as them.
            var member = NewMember(tenantId, $"{name.ToLowerInvariant().Replace(' ', '.')}@{tenantId}.example", name, Roles.Member);
            await members.AddAsync(member, ct);
            people.Add(member);
        }
        var now = clock.GetUtcNow();
        var ideaNumber = 0;
        foreach (var challenge in await challenges.ListAsync(tenantId, ct))
        {
            for (var n = 0; n < 4; n++, ideaNumber++)
            {
                var (title, body) = DemoContent.Ideas[ideaNumber % DemoContent.Ideas.Length];
                var author = people[random.Next(people.Count)];
                var posted = now.AddHours(-random.Next(2, 24 * 20));
                var ideaId = await ideas.AddAsync(tenantId, challenge.Id, Published(author.Id, anonymous: n == 3), new NewIdea(title, body), posted, ct);
                foreach (var voter in people.OrderBy(_ => random.Next()).Take(random.Next(2, people.Count)))
                    await votes.CastAsync(tenantId, ideaId, voter.Id, random.Next(10) == 0 ? -1 : 1, posted.AddHours(1), ct);
                long? first = null;
                foreach (var text in DemoContent.Comments.OrderBy(_ => random.Next()).Take(random.Next(0, 4)))
                {
                    var id = await comments.AddAsync(tenantId, ideaId, Published(people[random.Next(people.Count)].Id, anonymous: false),
                        new NewComment(text, ParentId: first), posted.AddHours(2), ct);
                    first ??= id;
                }
            }
        }
    }
}
