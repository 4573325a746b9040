using Engine.Web.Hosting;

if (ThemeCommands.Wanted(args)) return ThemeCommands.Run(args, Console.Out);

if (TenantCommands.Wanted(args))
{
    var (words, configuration) = TenantCommands.Split(args);
    var tool = WebApplication.CreateBuilder(configuration);
    tool.AddEngine();
    await using var host = tool.Build();
    return await TenantCommands.RunAsync(host.Services, words);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddEngine();

var app = builder.Build();
app.UseEngine();
app.Run();
return 0;

/// <summary>Visible to the test host (WebApplicationFactory).</summary>
public partial class Program;
