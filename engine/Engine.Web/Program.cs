using Engine.Web.Hosting;

if (ThemeCommands.Wanted(args)) return ThemeCommands.Run(args, Console.Out);

if (StoreCommands.Wanted(args))
{
    var (words, configuration) = StoreCommands.Split(args);
    var tool = WebApplication.CreateBuilder(ContentRoot.Options(configuration)).UseRepositoryPaths();
    tool.AddEngine();
    await using var host = tool.Build();
    return await StoreCommands.RunAsync(host.Services, words, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(ContentRoot.Options(args)).UseRepositoryPaths();
builder.AddEngine();

var app = builder.Build();
app.UseEngine();
app.Run();
return 0;

/// <summary>Visible to the test host (WebApplicationFactory).</summary>
public partial class Program;
