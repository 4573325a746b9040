using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Engine.Bench;

/// <summary>One wrk run's numbers, as wrk printed them (with --latency).</summary>
public sealed record WrkResult(string Name, int Connections, double Seconds, long Requests, double RequestsPerSecond,
    double P50Ms, double P75Ms, double P90Ms, double P99Ms, double MaxMs, long Non2xx, long SocketErrors)
{
    public bool Clean => Requests > 0 && Non2xx == 0 && SocketErrors == 0;

    /// <summary>
    /// This process's CPU time (user + system) during the run, per request served. On a shared machine
    /// it moves far less than throughput does: other work takes wall-clock time from us, not CPU time.
    /// </summary>
    public double CpuMsPerRequest { get; init; } = double.NaN;
}

/// <summary>Drives load with wrk (the Debian package) over loopback and reads its report.</summary>
public static partial class Wrk
{
    public static void EnsureInstalled()
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("wrk", "--version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            probe.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("wrk is not installed: run `apt-get install -y wrk` (Debian/Ubuntu), or `dotnet cake --target=Bench`, which installs it.");
        }
    }

    public static async Task<WrkResult> RunAsync(string name, string url, int connections, TimeSpan duration,
        string? script = null, IReadOnlyDictionary<string, string>? headers = null, IReadOnlyList<string>? scriptArgs = null, CancellationToken ct = default)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        // One wrk thread: on a small machine the server needs the other cores more than wrk does.
        foreach (var a in new[] { "-t1", $"-c{connections}", $"-d{Math.Max(1, (int)duration.TotalSeconds)}s", "--latency", "--timeout", "5s" })
            start.ArgumentList.Add(a);
        foreach (var (k, v) in headers ?? new Dictionary<string, string>()) { start.ArgumentList.Add("-H"); start.ArgumentList.Add($"{k}: {v}"); }
        if (script is not null) { start.ArgumentList.Add("-s"); start.ArgumentList.Add(script); }
        start.ArgumentList.Add(url);
        if (scriptArgs is { Count: > 0 }) { start.ArgumentList.Add("--"); foreach (var a in scriptArgs) start.ArgumentList.Add(a); }

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var output = await stdout;
        if (process.ExitCode != 0) throw new InvalidOperationException($"wrk failed ({process.ExitCode}) for {name}: {await stderr}{output}");
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var result = Parse(name, connections, output);
        return result with { CpuMsPerRequest = result.Requests == 0 ? double.NaN : cpu.TotalMilliseconds / result.Requests };
    }

    public static WrkResult Parse(string name, int connections, string output)
    {
        double Latency(string label) => Regex.Match(output, $@"^\s*{Regex.Escape(label)}\s+([\d.]+)(us|ms|s)\b", RegexOptions.Multiline) is { Success: true } m
            ? Milliseconds(m.Groups[1].Value, m.Groups[2].Value)
            : throw new FormatException($"wrk output for {name} has no '{label}' latency:\n{output}");
        var total = RequestsLine().Match(output);
        if (!total.Success) throw new FormatException($"wrk output for {name} has no request count:\n{output}");
        var rps = Regex.Match(output, @"Requests/sec:\s+([\d.]+)");
        var max = Regex.Match(output, @"Latency\s+[\d.]+\w+\s+[\d.]+\w+\s+([\d.]+)(us|ms|s)");
        var non2xx = Regex.Match(output, @"Non-2xx or 3xx responses:\s+(\d+)");
        var socket = Regex.Match(output, @"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)");
        return new WrkResult(name, connections, double.Parse(total.Groups[2].Value, CultureInfo.InvariantCulture), long.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture),
            double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture),
            Latency("50%"), Latency("75%"), Latency("90%"), Latency("99%"),
            max.Success ? Milliseconds(max.Groups[1].Value, max.Groups[2].Value) : double.NaN,
            non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            socket.Success ? Enumerable.Range(1, 4).Sum(i => long.Parse(socket.Groups[i].Value, CultureInfo.InvariantCulture)) : 0);
    }

    private static double Milliseconds(string value, string unit) =>
        double.Parse(value, CultureInfo.InvariantCulture) * unit switch { "us" => 0.001, "ms" => 1, _ => 1000 };

    [GeneratedRegex(@"(\d+) requests in ([\d.]+)s")]
    private static partial Regex RequestsLine();
}
