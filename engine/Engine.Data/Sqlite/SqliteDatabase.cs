using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Engine.Data.Sqlite;

/// <summary>
/// The embedded store. Readers take pooled connections; every write goes through one writer
/// connection, one transaction at a time, so SQLite never answers SQLITE_BUSY (which
/// Microsoft.Data.Sqlite would "handle" by sleeping 150 ms on a thread).
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private SqliteConnection? _writer;

    static SqliteDatabase()
    {
        SQLitePCL.Batteries_V2.Init();
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    public SqliteDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    public SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> in one transaction on the writer; nothing is kept if it throws.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken ct = default)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            var writer = _writer ??= OpenWriter();
            using var tx = writer.BeginTransaction(IsolationLevel.Serializable);
            var result = work(writer, tx);
            tx.Commit();
            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private SqliteConnection OpenWriter()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // WAL lets readers run while the writer commits; FULL makes an acknowledged vote survive power loss.
        connection.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync();
        if (_writer is not null) await _writer.DisposeAsync();
        _writer = null;
        SqliteConnection.ClearAllPools();
        _writeLock.Release();
    }
}
