using System.Security.Cryptography;
using Engine.Core.Members;
using Engine.Web.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Engine.Web.SystemAdmin;

/// <summary>
/// Makes sure the system site has someone who can sign in. In production: the bootstrap administrator
/// from configuration, created once and never overwritten (change the password after the first sign-in).
/// In Development with demo data: a demo system administrator whose fresh random password is printed
/// at start-up, like the demo tenants' admins.
/// </summary>
public sealed class SystemBootstrap(
    IOptions<SystemOptions> options, IOptions<EngineOptions> engine, IHostEnvironment environment, IMemberStore members,
    IPasswordHasher<Member> hasher, ILookupNormalizer normalizer, TimeProvider clock, IHostApplicationLifetime lifetime, IServer server,
    ILogger<SystemBootstrap> logger) : IHostedService
{
    public const string DemoEmail = "admin@system.example";
    public const int MinimumPasswordLength = 10;

    public async Task StartAsync(CancellationToken ct)
    {
        var system = options.Value;
        if (system.Hosts.Count == 0) return;
        if (!string.IsNullOrWhiteSpace(system.BootstrapEmail))
        {
            if ((system.BootstrapPassword?.Length ?? 0) < MinimumPasswordLength)
            {
                logger.LogError("Engine:System:BootstrapPassword must be at least {Length} characters; no system administrator was created", MinimumPasswordLength);
                return;
            }
            if (await CreateAsync(system.BootstrapEmail.Trim(), system.BootstrapPassword!, ct))
                logger.LogInformation("System administrator {Email} created from Engine:System:Bootstrap settings", system.BootstrapEmail);
        }
        else if (environment.IsDevelopment() && engine.Value.SeedDemoData)
        {
            var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
            await ResetDemoAsync(password, ct);
            // The password goes to the console only, never to the log.
            lifetime.ApplicationStarted.Register(() => Console.WriteLine(
                $"System administration (Development only): http://{system.Hosts[0]}{ListeningPort.Suffix(server)}/system  admin: {DemoEmail} / {password}"));
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private async Task<bool> CreateAsync(string email, string password, CancellationToken ct)
    {
        if (await members.FindByEmailAsync(SystemSite.TenantId, normalizer.NormalizeEmail(email)!, ct) is not null) return false;
        var admin = new Member
        {
            TenantId = SystemSite.TenantId, Email = email, NormalizedEmail = normalizer.NormalizeEmail(email)!,
            DisplayName = "System administrator", Role = Roles.Admin, CreatedAt = clock.GetUtcNow(),
        };
        admin.PasswordHash = hasher.HashPassword(admin, password);
        return await members.AddAsync(admin, ct);
    }

    private async Task ResetDemoAsync(string password, CancellationToken ct)
    {
        if (await CreateAsync(DemoEmail, password, ct)) return;
        var existing = (await members.FindByEmailAsync(SystemSite.TenantId, normalizer.NormalizeEmail(DemoEmail)!, ct))!;
        existing.PasswordHash = hasher.HashPassword(existing, password);
        existing.LockoutEnd = null;
        existing.AccessFailedCount = 0;
        await members.UpdateAsync(existing, ct);
    }
}
