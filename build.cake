// The engine's build. Targets: Clean, Restore, Build, Test, Pack, Publish, Run, Watch, Bench.
//   dotnet tool restore && dotnet cake --target=Test
using System.Xml.Linq;

var target = Argument("target", "Test");
var configuration = Argument("configuration", "Debug");
var artifacts = Directory("./artifacts");
var testResults = artifacts + Directory("test-results");
var solution = File("./Engine.sln");

var passed = 0; var failed = 0; var skipped = 0;
var brokenProjects = new List<string>();
var failures = new List<string>();

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

// Engine.Sdk as a NuGet package in artifacts/, for plugin authors (the `dotnet new engine-plugin` template references it).
// Only the SDK: it has no dependencies, so this needs neither the front end nor the rest of the solution.
Task("Pack").Does(() =>
    DotNetPack("./engine/Engine.Sdk/Engine.Sdk.csproj", new DotNetPackSettings { Configuration = configuration, OutputDirectory = artifacts }));

// A deployable folder, artifacts/publish: the engine (framework-dependent) with the themes, sample tenants, built plugins
// and front-end packages beside it (Engine.Web.csproj lists them); it runs from any working directory. See docs/deploy.md.
//   dotnet cake --target=Publish --configuration=Release
Task("Publish").IsDependentOn("Build").Does(() =>
    DotNetPublish("./engine/Engine.Web/Engine.Web.csproj", new DotNetPublishSettings
    {
        Configuration = configuration, NoBuild = true, NoRestore = true, OutputDirectory = artifacts + Directory("publish"),
    }));

// Test depends on Build: `dotnet test --no-build` on an unbuilt tree runs nothing and exits 0.
// Every test project runs once on SQLite; the store tests and the web tests run a second time on a real
// PostgreSQL (ENGINE_TEST_STORE=postgres), a throwaway server this target starts and removes.
var runTwice = new[] { "Engine.Data.Tests", "Engine.Web.Tests" };

Task("Test").IsDependentOn("Build").Does(() =>
{
    EnsureDebianPackage("wrk", "the benchmark harness's smoke test"); // it drives the engine with wrk
    EnsureDebianPackage("nginx", "the test of the engine behind a TLS proxy (tests/Engine.Web.Tests/Hosting)");
    CleanDirectory(testResults);
    var postgres = StartThrowawayPostgres();
    foreach (var project in GetFiles("./tests/**/*.Tests.csproj").OrderBy(p => p.FullPath))
    {
        var name = project.GetFilenameWithoutExtension().ToString();
        RunTests(project, name, postgres, onPostgres: false);
        if (runTwice.Contains(name) && postgres is not null) RunTests(project, name, postgres, onPostgres: true);
    }
    foreach (var name in brokenProjects) Error($"{name} did not run: no test results were written.");
});

void RunTests(FilePath project, string name, string postgres, bool onPostgres)
{
    var run = onPostgres ? $"{name}.postgres" : name;
    var settings = new DotNetTestSettings
    {
        Configuration = configuration,
        NoBuild = true,
        NoRestore = true,
        ResultsDirectory = testResults,
        Loggers = { $"trx;LogFileName={run}.trx", "console;verbosity=normal" },
        ArgumentCustomization = args => args.Append("--tl:off"),
        // SQLite's own durability tests (its file, its disk) are not repeated on PostgreSQL, nor are the tests
        // that set up both stores themselves (Store=Both: the migrations compared, two nodes, export and import).
        Filter = onPostgres ? "Store!=Sqlite&Store!=Both" : null,
    };
    if (postgres is not null) settings.EnvironmentVariables["ENGINE_TEST_POSTGRES"] = postgres;
    if (onPostgres)
    {
        settings.EnvironmentVariables["ENGINE_TEST_STORE"] = "postgres";
        Information($"{name} again, on PostgreSQL");
    }
    try
    {
        DotNetTest(project.FullPath, settings);
    }
    catch (Exception e)
    {
        // Failing tests make dotnet test exit non-zero; the TRX file below has the counts.
        Warning($"{run}: {e.Message}");
    }
    var trx = testResults + File($"{run}.trx");
    if (!FileExists(trx)) { brokenProjects.Add(run); return; }
    var results = XDocument.Load(trx.Path.FullPath);
    var counters = results.Descendants().First(e => e.Name.LocalName == "Counters");
    int Count(string attribute) => int.Parse(counters.Attribute(attribute)?.Value ?? "0");
    passed += Count("passed");
    failed += Count("failed") + Count("error") + Count("timeout") + Count("aborted");
    skipped += Count("notExecuted") + Count("inconclusive");
    // Named again at the very end, beside the counts, so the tail of a long CI log says what failed.
    foreach (var result in results.Descendants().Where(e => e.Name.LocalName == "UnitTestResult" && (string)e.Attribute("outcome") is not ("Passed" or "NotExecuted")))
    {
        var message = result.Descendants().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value ?? "";
        var firstLine = message.Split('\n').FirstOrDefault()?.Trim() ?? "";
        failures.Add($"{run}: {(string)result.Attribute("testName")}: {(firstLine.Length > 300 ? firstLine[..300] + "…" : firstLine)}");
    }
}

// The throwaway PostgreSQL server for the tests: initdb into a temp folder (as the postgres user when
// the build runs as root: PostgreSQL refuses to run as root), on a free port of 127.0.0.1 only, with
// fsync off (nothing here must survive a crash). Stopped and removed at the end, whatever happened.
string postgresFolder = null, postgresBin = null;

string StartThrowawayPostgres()
{
    postgresBin = new[] { "/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin" }
        .FirstOrDefault(d => System.IO.File.Exists(System.IO.Path.Combine(d, "initdb")));
    if (postgresBin is null)
    {
        var message = "PostgreSQL's server binaries (initdb, pg_ctl) were not found in /usr/lib/postgresql/15/bin: the store and web tests "
            + "cannot run on PostgreSQL. Install them with `apt-get install postgresql-15` (the tests that need PostgreSQL fail until then).";
        if (string.Equals(EnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) throw new Exception(message);
        Error("!!! " + message + " !!!");
        return null;
    }
    postgresFolder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "engine-test-postgres-" + Guid.NewGuid().ToString("N"));
    System.IO.Directory.CreateDirectory(postgresFolder);
    var asRoot = Environment.UserName == "root";
    if (asRoot) Sh($"chown postgres {postgresFolder}");
    var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    listener.Stop();
    var data = System.IO.Path.Combine(postgresFolder, "data");
    var options = $"-c listen_addresses=127.0.0.1 -p {port} -k {postgresFolder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
    AsPostgres(asRoot, $"{postgresBin}/initdb -D {data} -U postgres -A trust -E UTF8 --no-sync");
    AsPostgres(asRoot, $"{postgresBin}/pg_ctl -D {data} -o '{options}' -l {postgresFolder}/server.log -w -t 60 start");
    Information($"Throwaway PostgreSQL for the tests: 127.0.0.1:{port}, data in {data}");
    // Also when the build is interrupted (Ctrl+C, a CI timeout's SIGTERM), not only when it ends.
    AppDomain.CurrentDomain.ProcessExit += (_, _) => StopThrowawayPostgres();
    Console.CancelKeyPress += (_, _) => StopThrowawayPostgres();
    return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
}

void StopThrowawayPostgres()
{
    if (postgresFolder is null) return;
    var asRoot = Environment.UserName == "root";
    try { AsPostgres(asRoot, $"{postgresBin}/pg_ctl -D {postgresFolder}/data -m immediate -w stop"); }
    catch (Exception e) { Warning($"Stopping the test PostgreSQL: {e.Message}"); }
    try { System.IO.Directory.Delete(postgresFolder, recursive: true); }
    catch (Exception e) { Warning($"Removing {postgresFolder}: {e.Message}"); }
    postgresFolder = null;
}

void AsPostgres(bool asRoot, string command) => Sh(asRoot ? $"runuser -u postgres -- {command}" : command);

void Sh(string command)
{
    var exit = StartProcess("sh", new ProcessSettings { Arguments = new ProcessArgumentBuilder().Append("-c").AppendQuoted(command) });
    if (exit != 0) throw new Exception($"`{command}` failed with exit code {exit}");
}

// Where Run and Watch listen: --port=5091, else the standard ASPNETCORE_URLS, else port 5080.
var engineUrls = HasArgument("port") ? $"http://localhost:{Argument<int>("port")}" : EnvironmentVariable("ASPNETCORE_URLS") ?? "http://localhost:5080";
var samplePort = new Uri(engineUrls.Split(';')[0].Replace("://*", "://localhost").Replace("://+", "://localhost")).Port;
var sampleSites = string.Join(", ", new[] { "solving-together", "london-community", "home4noon" }.Select(site => $"http://{site}.localhost:{samplePort}"));

Task("Run").IsDependentOn("Build").Does(() =>
{
    Information($"Serving the sample tenants: {sampleSites}");
    DotNetRun("./engine/Engine.Web/Engine.Web.csproj", new DotNetRunSettings
    {
        Configuration = configuration,
        NoBuild = true,
        NoRestore = true,
        // Links in emails name the port the sites are on.
        EnvironmentVariables = { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Engine__Email__LinkPort"] = samplePort.ToString() },
        ArgumentCustomization = args => args.Append("--no-launch-profile").Append("--urls").AppendQuoted(engineUrls),
    });
});

// Run, under `dotnet watch`: an edited admin page (Razor) or C# file is applied to the running engine by hot reload,
// with no restart (sign-ins and the demo passwords stay); theme files and tenants are read again by the engine itself,
// as under Run. An edit hot reload cannot apply restarts the engine instead of asking. Ctrl+C stops it.
// Not Razor runtime compilation: see docs/decisions/2026-12-06-no-razor-runtime-compilation.md.
Task("Watch").IsDependentOn("Build").Does(() =>
{
    Information($"Serving the sample tenants under dotnet watch: {sampleSites}");
    var exit = StartProcess("dotnet", new ProcessSettings
    {
        Arguments = new ProcessArgumentBuilder().Append("watch").Append("--project").AppendQuoted("./engine/Engine.Web/Engine.Web.csproj")
            .Append("--no-launch-profile").Append("--").Append("--urls").AppendQuoted(engineUrls),
        EnvironmentVariables = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Engine__Email__LinkPort"] = samplePort.ToString(),
            ["DOTNET_WATCH_RESTART_ON_RUDE_EDIT"] = "true",
            ["DOTNET_WATCH_SUPPRESS_LAUNCH_BROWSER"] = "1",
        },
    });
    if (exit != 0) throw new Exception($"dotnet watch exited with code {exit}");
});

// The benchmark harness (bench/Engine.Bench): a Release build, large generated data sets, wrk over loopback, BenchmarkDotNet.
// Every figure of issues 7, 17, 21 and 22, each pass in a process of its own (where memory is a figure, a fresh process is the
// only honest one), each writing its md/json into bench/: themes, national, search, numbers, exports, tenants, soak; the main run
// last writes bench/results.md (which takes them all in and starts with issue 22's targets table) and bench/results.json, and
// appends this run's targets to bench/history.json. About an hour on a quiet machine: the national pass alone took 31 minutes
// on 2026-12-07 at load 23 to 48, most of it its first page views waiting for the numbers to be counted (bench/analysis.md).
Task("Bench").IsDependentOn("Restore").Does(() =>
{
    EnsureDebianPackage("wrk", "the benchmarks");
    DotNetBuild("./bench/Engine.Bench/Engine.Bench.csproj", new DotNetBuildSettings { Configuration = "Release", NoRestore = true });
    var bench = MakeAbsolute(Directory("./bench")).FullPath;
    var broken = new List<string>();
    // A pass whose harness broke is reported at the end, after the others and results.md have run: one failure costs no figures.
    void Pass(params string[] arguments)
    {
        var args = new ProcessArgumentBuilder().Append("run").Append("-c").Append("Release").Append("--no-build").Append("--no-restore")
            .Append("--no-launch-profile").Append("--project").AppendQuoted(MakeAbsolute(File("./bench/Engine.Bench/Engine.Bench.csproj")).FullPath).Append("--");
        foreach (var a in arguments) args.Append(a);
        args.Append("--out").AppendQuoted(bench);
        Information($"Bench pass: {string.Join(" ", arguments)}");
        var exit = StartProcess("dotnet", new ProcessSettings { Arguments = args });
        if (exit != 0) broken.Add($"`{string.Join(" ", arguments)}` exited with {exit}");
    }
    // Theme suggestions (issue 21): its peak memory is the figure. bench/themes.md
    Pass("themes", "200000");
    // The national data set (issue 22: 200,000 ideas, 1,000,000 members, 10,000,000 votes): figures 1-9 on it. bench/national.md
    Pass("national");
    // Issue 22's targets the national pass does not cover: search over 200,000 ideas, the numbers' recount and exports at
    // national scale, 2,000 small tenants in one process, the 10-minute launch-day soak.
    Pass("search", "200000");
    Pass("numbers", "1");
    Pass("exports", "1");
    Pass("tenants", "2000");
    Pass("soak", "10");
    // The main data set's figures and the micro-benchmarks, then results.md with everything above taken in.
    Pass();
    if (broken.Count > 0) throw new Exception("Bench passes whose harness broke (their figures are in bench/ as far as they went): " + string.Join("; ", broken));
});

// The theme checker: every page parsed and rendered against sample data, problems listed with file, line
// and column. dotnet cake --target=ThemeCheck --theme=themes/my-region [--overrides=tenants/x/overrides]
Task("ThemeCheck").IsDependentOn("Build").Does(() =>
{
    var theme = Argument<string>("theme", null) ?? throw new Exception("Say which theme folder to check: --theme=themes/my-region");
    var overrides = Argument<string>("overrides", null);
    var arguments = new ProcessArgumentBuilder().Append("theme").Append("check").AppendQuoted(MakeAbsolute(Directory(theme)).FullPath);
    if (overrides is not null) arguments.Append("--overrides").AppendQuoted(MakeAbsolute(Directory(overrides)).FullPath);
    var exit = StartProcess("dotnet", new ProcessSettings
    {
        Arguments = new ProcessArgumentBuilder().AppendQuoted($"./engine/Engine.Web/bin/{configuration}/net10.0/Engine.Web.dll").Append(arguments.Render()),
    });
    if (exit != 0) throw new Exception($"The theme {theme} has problems (listed above); it would not be served.");
});

// wrk and nginx are Debian packages; installed here when the build runs as root (as in CI), otherwise it says how.
void EnsureDebianPackage(string package, string neededFor)
{
    if (StartProcess("sh", new ProcessSettings { Arguments = $"-c \"command -v {package} || test -x /usr/sbin/{package}\"", RedirectStandardOutput = true }) == 0) return;
    Information($"{package} is not installed; installing it with apt-get");
    var exit = StartProcess("sh", new ProcessSettings { Arguments = $"-c \"apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq {package}\"" });
    if (exit != 0) throw new Exception($"{package} is needed for {neededFor}: install it with `sudo apt-get install -y {package}` and run again.");
}

var succeeded = false;
try
{
    RunTarget(target);
    succeeded = true;
}
finally
{
    StopThrowawayPostgres();
    if (target == "Test")
    {
        // A test project that could not run counts as a failure, never as nothing.
        failed += brokenProjects.Count;
        foreach (var failure in failures) Console.WriteLine($"failed: {failure}");
        Console.WriteLine($"tests: {passed} passed, {failed} failed, {skipped} skipped");
        if (succeeded && failed > 0)
        {
            Console.Out.Flush();
            System.Environment.Exit(1);
        }
    }
}
