using System.Data;
using System.Data.Common;
using Engine.Core.Common;

namespace Engine.Data.GroupCommit;

/// <summary>What a database supplies to <see cref="GroupCommitWriter"/>: the parts where SQLite and PostgreSQL differ.</summary>
internal interface IGroupCommitStore
{
    /// <summary>Opens the one connection this node writes on; kept until a transaction on it fails.</summary>
    DbConnection OpenWriter();

    IsolationLevel WriterIsolation { get; }

    /// <summary>
    /// True when a batch sent with no transaction of its own is one transaction that commits as the batch ends (PostgreSQL's
    /// implicit transaction: one Sync for the batch). A group made only of statements then goes to the server in one round
    /// trip, COMMIT included, so it holds its locks only while the server runs it, never while this node answers or waits.
    /// </summary>
    bool CommitsBatches { get; }

    /// <summary>
    /// True when <paramref name="failure"/> is the server's own answer (an error it sent) during a batch that commits as it
    /// ends: the server then ran no COMMIT, and the group's outcome is known. A lost connection leaves it unknown.
    /// </summary>
    bool ServerRolledBack(Exception failure);

    /// <summary>
    /// True when <paramref name="failure"/>, thrown by a write, means the transaction itself is lost
    /// (disk full, I/O error, the server gone): the whole group fails rather than just that write.
    /// </summary>
    bool LosesTransaction(Exception failure);

    /// <summary>
    /// A statement to run in the group's transaction just before COMMIT, given the tenant (null: unknown) and scope of
    /// each kept write; null for none. Its answer is not read. The writer may send it in one batch with the writes.
    /// </summary>
    Statement? BeforeCommit(IReadOnlyList<(string? TenantId, WriteScope Scope)> changed);

    /// <summary>
    /// The group's transaction was lost before its COMMIT was sent (<paramref name="failure"/>), and the writer
    /// connection closed: true to run the group once more on a fresh connection.
    /// </summary>
    bool TryAgainAfter(Exception failure);

    /// <summary>
    /// Called on the writer connection after a group committed and its callers were answered, before the next group,
    /// with the tenant and scope of each write kept: upkeep that the callers need not wait for (SQLite's checkpoints,
    /// PostgreSQL's notices of votes to other nodes). A failure closes the writer connection.
    /// </summary>
    void AfterAnswering(DbConnection writer, IReadOnlyList<(string? TenantId, WriteScope Scope)> committed);

    /// <summary>
    /// The writer's transaction failed (<paramref name="failure"/>) and <paramref name="writer"/> is about to be
    /// closed: let go of anything that would hand the next group the same fault (e.g. a pooled native connection).
    /// </summary>
    void WriterLost(DbConnection writer, Exception failure);
}
