using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Engine.Web.Hosting;

namespace Engine.Bench;

/// <summary>
/// The engine, exactly as Program.cs composes it, on a loopback port in this process, in Production
/// (no demo seeding, no hot reload), and beside it a bare Kestrel app that serves whatever bytes it is
/// given: the baseline every page figure is divided by.
/// </summary>
public sealed class EngineHost : IAsyncDisposable
{
    private WebApplication _engine = null!;
    private WebApplication _baseline = null!;
    private volatile byte[] _baselineBody = [];

    public int EnginePort { get; private set; }
    public int BaselinePort { get; private set; }
    public TimeSpan StartUp { get; private set; }
    public IServiceProvider Services => _engine.Services;

    /// <summary>What the baseline serves from now on.</summary>
    public void ServeFromBaseline(byte[] body) => _baselineBody = body;

    /// <param name="settings">Configuration on top of the data set's, e.g. Engine:Storage:Postgres.</param>
    public static async Task<EngineHost> StartAsync(DataSet data, string repositoryRoot, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var host = new EngineHost { EnginePort = FreePort(), BaselinePort = FreePort() };
        var clock = Stopwatch.StartNew();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Production",
            ApplicationName = "Engine.Web",
            ContentRootPath = Path.Combine(repositoryRoot, "engine", "Engine.Web"),
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Engine:TenantsPath"] = data.TenantsPath,
            ["Engine:DataPath"] = data.DataPath,
            ["Engine:PluginsPath"] = data.PluginsPath,
            ["Engine:ThemesPath"] = Path.Combine(repositoryRoot, "themes"),
            ["Engine:FrontEndPath"] = Path.Combine(repositoryRoot, "node_modules"),
            // 200 "tenant loaded" lines would bury the figures; warnings and errors still show.
            ["Logging:LogLevel:Default"] = "Warning",
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls($"http://127.0.0.1:{host.EnginePort}");
        builder.AddEngine();
        host._engine = builder.Build();
        host._engine.UseEngine();
        await host._engine.StartAsync();
        host.StartUp = clock.Elapsed;

        var bare = WebApplication.CreateSlimBuilder();
        bare.Logging.ClearProviders();
        bare.WebHost.UseUrls($"http://127.0.0.1:{host.BaselinePort}");
        host._baseline = bare.Build();
        host._baseline.Run(context =>
        {
            var body = host._baselineBody;
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.ContentLength = body.Length;
            return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
        });
        await host._baseline.StartAsync();
        return host;
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _baseline.StopAsync();
        await _baseline.DisposeAsync();
        await _engine.StopAsync();
        await _engine.DisposeAsync();
    }
}
