using Engine.Core.Email;
using Engine.Core.Following;
using Engine.Web.Accounts;
using Engine.Web.Hosting;
using Microsoft.Extensions.Options;

namespace Engine.Web.Email;

public static class EmailServices
{
    /// <summary>Email, following and notifications. After storage and tenants: its sender starts once the schema is up to date.</summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EmailOptions>(configuration.GetSection(EmailOptions.Section));
        services.AddSingleton<EmailLinks>();
        services.AddSingleton<IEmailLinks>(sp => sp.GetRequiredService<EmailLinks>());
        services.AddSingleton<IEmailComposer, ThemedEmails>();
        services.AddSingleton<Notifications>();
        services.AddSingleton<Digests>();
        services.AddSingleton<AdminUpdates>();
        services.AddSingleton<Follow>();
        services.AddScoped<AccountEmails>();
        services.AddSingleton<IEmailTransport>(sp => new SmtpEmailTransport(sp.GetRequiredService<IOptionsMonitor<EmailOptions>>(),
            Path.Combine(EngineServices.PathFor(sp, o => o.DataPath), "email")));
        services.AddSingleton<EmailDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<EmailDispatcher>());
        return services;
    }
}
