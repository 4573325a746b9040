using Engine.Data.Postgres;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Data.Tests;

/// <summary>How a node tells the others of its votes, a window's worth at a time; the sending is faked, so no server is needed.</summary>
[Trait("Store", "Both")] // uses no store: run once, not again in the PostgreSQL run
public sealed class VoteNoticesTests
{
    private readonly List<string[]> _sent = [];
    private int _tries;

    private Task Sent(string[] tenants)
    {
        lock (_sent) _sent.Add([.. tenants.Order()]);
        return Task.CompletedTask;
    }

    private List<string[]> SentSoFar() { lock (_sent) return [.. _sent]; }

    [Fact]
    public async Task Votes_committed_within_one_window_are_announced_together_once()
    {
        await using var notices = new VoteNotices(TimeSpan.FromMilliseconds(300), (tenants, _) => Sent(tenants), NullLogger.Instance);
        notices.Committed(["north"]);
        notices.Committed(["south", "north"]);
        await Until(() => SentSoFar().Count > 0);
        await Task.Delay(400);
        SentSoFar().Should().ContainSingle().Which.Should().Equal("north", "south");
    }

    [Fact]
    public async Task A_notice_that_could_not_be_sent_goes_with_the_next_one()
    {
        await using var notices = new VoteNotices(TimeSpan.FromMilliseconds(10), (tenants, _) =>
            Interlocked.Increment(ref _tries) == 1 ? throw new InvalidOperationException("the server is away") : Sent(tenants), NullLogger.Instance);
        notices.Committed(["north"]);
        await Until(() => Volatile.Read(ref _tries) == 1);
        await Task.Delay(50);
        SentSoFar().Should().BeEmpty();

        notices.Committed(["south"]);
        await Until(() => SentSoFar().Count > 0);
        SentSoFar().Should().ContainSingle().Which.Should().Equal("north", "south");
    }

    [Fact]
    public async Task A_notice_cut_off_by_the_node_stopping_is_sent_before_it_stops()
    {
        var notices = new VoteNotices(TimeSpan.FromMilliseconds(1), async (tenants, ct) =>
        {
            // The first send hangs until the node stops and cancels it.
            if (Interlocked.Increment(ref _tries) == 1) await Task.Delay(Timeout.Infinite, ct);
            await Sent(tenants);
        }, NullLogger.Instance);
        notices.Committed(["north"]);
        await Until(() => Volatile.Read(ref _tries) == 1);

        await notices.DisposeAsync();

        SentSoFar().Should().ContainSingle().Which.Should().Equal("north");
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(5);
    }
}
