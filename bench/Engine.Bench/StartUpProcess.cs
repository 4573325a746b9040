using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Engine.Bench;

/// <summary>
/// Figure 7 (start-up and resident memory) in a process of its own on a data set already written: the process that
/// generated the set keeps what generating it took (SQLite's caches, the generator's pools, memory the allocator does not
/// hand back), which is not the engine's. The child starts the engine on the set, views every home page once and prints
/// what it measured as one JSON line; <see cref="Harness.ManyTenantsAsync"/> does the measuring in either process.
/// </summary>
public static class StartUpProcess
{
    private const string Marker = "startup-result: ";

    /// <summary>In the parent: runs `-- startup` on <paramref name="data"/> and returns its figure and its note.</summary>
    public static async Task<(ManyTenantsResult Result, string Note)> MeasureAsync(BenchOptions options, DataSet data, Action<string> log, CancellationToken ct)
    {
        var bench = typeof(StartUpProcess).Assembly.Location;
        // The muxer that runs this process (a test host is not one), so the child runs the same runtime.
        var dotnet = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(bench);
        foreach (var a in new[] { "startup", data.Root, options.National.ToString(CultureInfo.InvariantCulture), options.SmallTenants.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(a);
        using var child = Process.Start(start) ?? throw new InvalidOperationException("Could not start the start-up process.");
        var errors = child.StandardError.ReadToEndAsync(ct);
        string? found = null;
        while (await child.StandardOutput.ReadLineAsync(ct) is { } line)
            if (line.StartsWith(Marker, StringComparison.Ordinal)) found = line[Marker.Length..];
        await child.WaitForExitAsync(ct);
        if (child.ExitCode != 0 || found is null)
        {
            var said = await errors;
            throw new InvalidOperationException($"The start-up process exited with {child.ExitCode} and no figure: {said[^Math.Min(2000, said.Length)..]}");
        }
        var measured = JsonSerializer.Deserialize<Measured>(found)!;
        log($"Many tenants (a process of its own): {measured.Result}");
        return (measured.Result, measured.Note);
    }

    /// <summary>In the child (`-- startup root national small`): the engine on the kept set, figure 7, one JSON line.</summary>
    public static async Task<int> RunAsync(string repository, string root, double national, int smallTenants)
    {
        var options = new BenchOptions { RepositoryRoot = repository, OutputFolder = "", MicroBenchmarks = false, National = national, SmallTenants = smallTenants };
        var data = DataSet.Describe(options, root);
        var results = new BenchResults { Smoke = true, Machine = Machine.Describe(repository) };
        await using (var host = await EngineHost.StartAsync(data, repository))
        using (var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(30) })
            await new Harness(options, _ => { }).ManyTenantsAsync(host, data, http, results, CancellationToken.None);
        Console.WriteLine(Marker + JsonSerializer.Serialize(new Measured(results.ManyTenants!, results.Notes[^1])));
        return 0;
    }

    private sealed record Measured(ManyTenantsResult Result, string Note);
}
