using LiteDB;

namespace Engine.Bench.Micro;

/// <summary>
/// Votes kept in LiteDB 5.0.21 as our store keeps them in SQLite, one transaction per vote: the member's previous vote is
/// read, and if it differs the vote is written, the idea's counters are moved and a vote carried from a merged idea is
/// made the member's own. LiteDB writes a commit into its log file before Commit() returns, but never fsyncs it; with
/// <c>fsync</c> the log is fsynced after each commit, so an answered vote survives a power loss as it does in our store.
/// </summary>
internal sealed class LiteDbVotes : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "engine-bench-litedb", Guid.NewGuid().ToString("N"));
    private readonly FileStream _data, _log;
    private readonly LiteDatabase _db;
    private readonly ILiteCollection<BsonDocument> _votes, _counts, _carried;
    private readonly bool _fsync;
    private long _next;

    public LiteDbVotes(bool fsync)
    {
        _fsync = fsync;
        Directory.CreateDirectory(_folder);
        // The files are opened here (as LiteDB opens them itself from a file name) so that the log can be fsynced.
        _data = Open("votes.db");
        _log = Open("votes-log.db");
        _db = new LiteDatabase(_data, logStream: _log);
        _votes = _db.GetCollection("votes");
        _counts = _db.GetCollection("idea_counts");
        _carried = _db.GetCollection("carried_votes");
    }

    private FileStream Open(string name) =>
        new(Path.Combine(_folder, name), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.RandomAccess);

    public int Cast()
    {
        var (member, idea, value) = VoteBenchmarks.NthVote(++_next);
        var voteId = $"big/{idea}/{member}";
        _db.BeginTrans();
        var previous = _votes.FindById(voteId)?["value"].AsInt32 ?? 0;
        if (previous != value)
        {
            _votes.Upsert(new BsonDocument { ["_id"] = voteId, ["value"] = value, ["created_at"] = DateTime.UtcNow });
            var counts = _counts.FindById($"big/{idea}") ?? new BsonDocument { ["_id"] = $"big/{idea}", ["up"] = 0, ["down"] = 0, ["voters"] = 0 };
            counts["up"] = counts["up"].AsInt32 + Math.Max(value, 0) - Math.Max(previous, 0);
            counts["down"] = counts["down"].AsInt32 + Math.Max(-value, 0) - Math.Max(-previous, 0);
            counts["voters"] = counts["voters"].AsInt32 + (value != 0 ? 1 : 0) - (previous != 0 ? 1 : 0);
            _counts.Upsert(counts);
            _carried.Delete(voteId);
        }
        _db.Commit();
        if (_fsync) _log.Flush(flushToDisk: true);
        return value;
    }

    public void Dispose()
    {
        _db.Dispose();
        _data.Dispose();
        _log.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* temp folder */ }
    }
}
