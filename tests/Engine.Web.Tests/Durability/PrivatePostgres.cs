using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Engine.Web.Tests.Durability;

/// <summary>
/// A PostgreSQL server of the test's own, which it may stop, crash and start again without disturbing the
/// server the other tests share: initdb into a temp folder (as the postgres user when the tests run as root:
/// PostgreSQL refuses to run as root), a free port on 127.0.0.1. Stopped and removed when disposed, and when
/// starting it fails half-way. Its settings are the defaults a deployment has (fsync and synchronous_commit
/// on): what it acknowledged must survive its own crash. Missing binaries are a failure, never a skip.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private static readonly string[] Candidates = ["/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin"];
    private readonly string _bin, _folder;
    private readonly bool _asRoot = Environment.UserName == "root";

    private PrivatePostgres(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }
    private string Data => Path.Combine(_folder, "data");
    private string Log => Path.Combine(_folder, "server.log");

    /// <summary>A connection string for <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database }.ConnectionString;

    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = Candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb"))) ?? throw new InvalidOperationException(
            "PostgreSQL's server binaries (initdb, pg_ctl) were not found in /usr/lib/postgresql/15/bin: this test runs a PostgreSQL server " +
            "of its own to restart it under load. Install them with `apt-get install postgresql-15`.");
        var folder = Path.Combine(Path.GetTempPath(), "engine-private-postgres-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var server = new PrivatePostgres(bin, folder, FreePort());
        try
        {
            if (server._asRoot) await RunAsync("chown", ["postgres", folder]);
            await server.PgAsync("initdb", ["-D", server.Data, "-U", "postgres", "-A", "trust", "-E", "UTF8"]);
            await server.StartServerAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public Task StartServerAsync() => PgCtlAsync(["start", "-w", "-t", "60", "-l", Log,
        "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c max_connections=200"]);

    /// <summary>fast: a clean shutdown (sessions ended, a checkpoint); immediate: a crash (no checkpoint, recovery from the WAL on start).</summary>
    public Task StopServerAsync(string mode) => PgCtlAsync(["stop", "-w", "-t", "60", "-m", mode]);

    private Task PgCtlAsync(string[] arguments) => PgAsync("pg_ctl", ["-D", Data, .. arguments]);

    private Task PgAsync(string program, string[] arguments) => _asRoot
        ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, program), .. arguments])
        : RunAsync(Path.Combine(_bin, program), arguments);

    private static async Task RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} could not be started");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"`{program} {string.Join(' ', arguments)}` failed with {process.ExitCode}:\n{await output}\n{await error}");
    }

    public string ServerLog => File.Exists(Log) ? File.ReadAllText(Log) : "";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try { if (File.Exists(Path.Combine(Data, "postmaster.pid"))) await StopServerAsync("immediate"); }
        catch (InvalidOperationException) { /* not running */ }
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* best effort */ }
    }
}
