// The engine's build. Targets: Clean, Restore, Build, Test, Run, Bench.
//   dotnet tool restore && dotnet cake --target=Test
using System.Xml.Linq;

var target = Argument("target", "Test");
var configuration = Argument("configuration", "Debug");
var artifacts = Directory("./artifacts");
var testResults = artifacts + Directory("test-results");
var solution = File("./Engine.sln");

var passed = 0; var failed = 0; var skipped = 0;
var brokenProjects = new List<string>();

Task("Clean").Does(() =>
{
    CleanDirectories("./engine/**/bin"); CleanDirectories("./engine/**/obj");
    CleanDirectories("./tests/**/bin"); CleanDirectories("./tests/**/obj");
    CleanDirectory(artifacts);
});

// Front-end packages (nhsuk-frontend) are installed from the lock file; nothing is fetched at run time.
Task("FrontEnd").Does(() =>
{
    var exit = StartProcess("npm", new ProcessSettings { Arguments = "ci --no-audit --no-fund --loglevel=error" });
    if (exit != 0) throw new Exception($"npm ci failed with exit code {exit}: is Node.js with npm installed?");
});

Task("Restore").IsDependentOn("FrontEnd").Does(() => DotNetRestore(solution));

Task("Build").IsDependentOn("Restore").Does(() =>
    DotNetBuild(solution, new DotNetBuildSettings { Configuration = configuration, NoRestore = true }));

// Test depends on Build: `dotnet test --no-build` on an unbuilt tree runs nothing and exits 0.
Task("Test").IsDependentOn("Build").Does(() =>
{
    EnsureWrk(); // the benchmark harness's smoke test drives the engine with it
    CleanDirectory(testResults);
    foreach (var project in GetFiles("./tests/**/*.Tests.csproj").OrderBy(p => p.FullPath))
    {
        var name = project.GetFilenameWithoutExtension().ToString();
        try
        {
            DotNetTest(project.FullPath, new DotNetTestSettings
            {
                Configuration = configuration,
                NoBuild = true,
                NoRestore = true,
                ResultsDirectory = testResults,
                Loggers = { $"trx;LogFileName={name}.trx", "console;verbosity=normal" },
                ArgumentCustomization = args => args.Append("--tl:off"),
            });
        }
        catch (Exception e)
        {
            // Failing tests make dotnet test exit non-zero; the TRX file below has the counts.
            Warning($"{name}: {e.Message}");
        }
        var trx = testResults + File($"{name}.trx");
        if (!FileExists(trx)) { brokenProjects.Add(name); continue; }
        var counters = XDocument.Load(trx.Path.FullPath).Descendants().First(e => e.Name.LocalName == "Counters");
        int Count(string attribute) => int.Parse(counters.Attribute(attribute)?.Value ?? "0");
        passed += Count("passed");
        failed += Count("failed") + Count("error") + Count("timeout") + Count("aborted");
        skipped += Count("notExecuted") + Count("inconclusive");
    }
    foreach (var name in brokenProjects) Error($"{name} did not run: no test results were written.");
});

Task("Run").IsDependentOn("Build").Does(() =>
{
    Information("Serving the sample tenants: http://solving-together.localhost:5080, http://london-community.localhost:5080, http://home4noon.localhost:5080");
    DotNetRun("./engine/Engine.Web/Engine.Web.csproj", new DotNetRunSettings
    {
        Configuration = configuration,
        NoBuild = true,
        NoRestore = true,
        EnvironmentVariables = { ["ASPNETCORE_ENVIRONMENT"] = "Development" },
        ArgumentCustomization = args => args.Append("--no-launch-profile").Append("--urls").Append("http://localhost:5080"),
    });
});

// The benchmark harness (bench/Engine.Bench): a Release build, a large generated data set, wrk over
// loopback, BenchmarkDotNet; writes bench/results.md and bench/results.json. About ten minutes.
Task("Bench").IsDependentOn("Restore").Does(() =>
{
    EnsureWrk();
    DotNetBuild("./bench/Engine.Bench/Engine.Bench.csproj", new DotNetBuildSettings { Configuration = "Release", NoRestore = true });
    DotNetRun("./bench/Engine.Bench/Engine.Bench.csproj", new DotNetRunSettings
    {
        Configuration = "Release",
        NoBuild = true,
        NoRestore = true,
        ArgumentCustomization = args => args.Append("--no-launch-profile").Append("--").Append("--out").AppendQuoted(MakeAbsolute(Directory("./bench")).FullPath),
    });
});

// wrk is a Debian package; installed here when the build runs as root (as in CI), otherwise it says how.
void EnsureWrk()
{
    if (StartProcess("sh", new ProcessSettings { Arguments = "-c \"command -v wrk\"", RedirectStandardOutput = true }) == 0) return;
    Information("wrk is not installed; installing it with apt-get");
    var exit = StartProcess("sh", new ProcessSettings { Arguments = "-c \"apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk\"" });
    if (exit != 0) throw new Exception("wrk is needed for the benchmarks: install it with `sudo apt-get install -y wrk` and run again.");
}

var succeeded = false;
try
{
    RunTarget(target);
    succeeded = true;
}
finally
{
    if (target == "Test")
    {
        // A test project that could not run counts as a failure, never as nothing.
        failed += brokenProjects.Count;
        Console.WriteLine($"tests: {passed} passed, {failed} failed, {skipped} skipped");
        if (succeeded && failed > 0)
        {
            Console.Out.Flush();
            System.Environment.Exit(1);
        }
    }
}
