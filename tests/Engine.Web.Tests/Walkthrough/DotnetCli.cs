using System.Diagnostics;
using Xunit.Abstractions;

namespace Engine.Web.Tests.Walkthrough;

/// <summary>
/// Runs the dotnet CLI as a developer following a tutorial would (dotnet new, build, test), from inside
/// <c>dotnet test</c>: each command's output goes to the test's output, and a command that fails or hangs fails the test.
/// </summary>
internal sealed class DotnetCli(ITestOutputHelper output, Action<string> step)
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);

    /// <summary>Environment variables to set for every command (NUGET_PACKAGES, say).</summary>
    public Dictionary<string, string> Variables { get; } = [];

    /// <returns>What the command wrote, for a test that reads its answer.</returns>
    public async Task<string> RunAsync(string workingDirectory, params string[] arguments)
    {
        var command = $"dotnet {string.Join(' ', arguments)}";
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // This test runs inside `dotnet test`: drop what MSBuild and the test platform put in the
        // environment for their own children, so the nested CLI behaves as in a developer's shell.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || k.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var (name, value) in Variables) start.Environment[name] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            process.Kill(entireProcessTree: true);
        }
        var text = $"$ {command}   (in {workingDirectory})\n{await Drained(stdout)}{await Drained(stderr)}";
        output.WriteLine(text);
        timedOut.Should().BeFalse($"{command} should finish within {CommandTimeout.TotalMinutes} minutes:\n{text}");
        process.ExitCode.Should().Be(0, $"{command} should succeed:\n{text}");
        step(command);
        return text;
    }

    public static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var folder in Directory.GetDirectories(from)) CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
    }

    private static async Task<string> Drained(Task<string> stream)
    {
        try { return await stream.WaitAsync(TimeSpan.FromSeconds(10)); }
        catch (TimeoutException) { return "(output not complete)\n"; }
    }

    /// <summary>The dotnet that runs this test (so the same SDK), else the one on the PATH.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { } host && File.Exists(host)) return host;
        // The runtime lives in <dotnet root>/shared/Microsoft.NETCore.App/<version>/.
        var root = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var dotnet = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(dotnet) ? dotnet : "dotnet";
    }
}
