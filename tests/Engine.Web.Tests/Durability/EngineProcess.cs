using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Engine.Web.Tests.Durability;

/// <summary>
/// The built engine as a real operating-system process (not a test server), so it can be killed with
/// SIGKILL the way a power cut or the OOM killer would, and started again on the same data folder.
/// </summary>
public sealed class EngineProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private EngineProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }
    public string Output { get { lock (_output) return string.Join("\n", _output); } }

    /// <param name="settings">More configuration, as environment variables (e.g. Engine__Storage__Postgres).</param>
    public static async Task<EngineProcess> StartAsync(string tenantsPath, string dataPath, IReadOnlyDictionary<string, string>? settings = null)
    {
        // Configured as the test server is; then the test's own settings, which win.
        var environment = TestEngineSettings.AsEnvironment(TestEngineSettings.For(tenantsPath, dataPath)).Concat(settings ?? new Dictionary<string, string>());
        return await StartAsync(AppContext.BaseDirectory, AppContext.BaseDirectory, environment);
    }

    /// <summary>
    /// The engine in <paramref name="folder"/> (a published one, say) started from <paramref name="workingDirectory"/>,
    /// configured by nothing but its own files and <paramref name="environment"/>.
    /// </summary>
    public static async Task<EngineProcess> StartAsync(string folder, string workingDirectory, IEnumerable<KeyValuePair<string, string>> environment)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(folder, "Engine.Web.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
            Environment = { ["ASPNETCORE_ENVIRONMENT"] = "Production" },
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var engineProcess = new EngineProcess(Process.Start(start)!, port);
        await engineProcess.WaitUntilServingAsync();
        return engineProcess;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing; whatever was not durable is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as systemd, Docker or Kubernetes stop a service: the engine drains (Engine:Drain), then stops by itself.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])!;
        kill.WaitForExit();
    }

    /// <summary>The exit code, once the engine has stopped by itself.</summary>
    public async Task<int> ExitCodeAsync()
    {
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    public bool HasExited => _process.HasExited;

    private async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient();
        // Generous: on a loaded build machine a cold start (JIT, plugins, themes, migrations) has taken over a minute.
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The engine exited with {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{Port}/healthz")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The engine did not start within 180 s:\n{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }
}
