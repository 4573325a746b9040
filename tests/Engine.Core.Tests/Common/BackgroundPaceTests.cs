using Engine.Core.Common;
using Microsoft.Extensions.Time.Testing;

namespace Engine.Core.Tests.Common;

public class BackgroundPaceTests
{
    private static readonly BackgroundPaceOptions Quarter = new() { Slice = TimeSpan.FromMilliseconds(4), BusyShare = 0.25 };

    [Fact]
    public void While_the_site_is_busy_the_work_pauses_after_each_slice_to_run_only_its_share_of_the_time()
    {
        var clock = new FakeTimeProvider();
        var pacing = new BackgroundPacing(Quarter, () => true, clock);
        var pace = pacing.Start();

        clock.Advance(TimeSpan.FromMilliseconds(3));
        pace.Step();
        pace.Pauses.Should().Be(0, "a slice is not over yet");

        clock.Advance(TimeSpan.FromMilliseconds(2));
        pace.Step();
        pace.Pauses.Should().Be(1);
        pace.Paused.Should().Be(TimeSpan.FromMilliseconds(15), "5 ms of work is a quarter of 20 ms");

        pace.Step();
        pace.Pauses.Should().Be(1, "the next slice starts after the pause");
        (pacing.Pauses, pacing.Paused).Should().Be((1, TimeSpan.FromMilliseconds(15)), "the engine's log and benchmark add up every run's pauses");
    }

    [Fact]
    public void A_slice_stretched_by_the_scheduler_counts_as_two_slices_at_most()
    {
        var clock = new FakeTimeProvider();
        var pace = new BackgroundPacing(Quarter, () => true, clock).Start();

        clock.Advance(TimeSpan.FromSeconds(1));
        pace.Step();

        pace.Paused.Should().Be(TimeSpan.FromMilliseconds(24), "a thread at nice 19 waiting for a core did not take it meanwhile");
    }

    [Fact]
    public void With_no_request_in_flight_or_a_share_of_one_the_work_never_pauses()
    {
        var clock = new FakeTimeProvider();
        var idle = new BackgroundPacing(Quarter, () => false, clock).Start();
        var whole = new BackgroundPacing(new BackgroundPaceOptions { BusyShare = 1 }, () => true, clock).Start();

        for (var i = 0; i < 10; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            idle.Step();
            whole.Step();
        }

        idle.Pauses.Should().Be(0);
        whole.Pauses.Should().Be(0);
    }

    [Fact]
    public void A_cancelled_run_stops_at_its_next_look_at_the_site()
    {
        var clock = new FakeTimeProvider();
        using var cancel = new CancellationTokenSource();
        var pace = new BackgroundPacing(Quarter, () => true, clock).Start(cancel.Token);

        cancel.Cancel();
        clock.Advance(TimeSpan.FromMilliseconds(5));

        pace.Invoking(p => p.Step()).Should().Throw<OperationCanceledException>();
    }

    [Theory]
    [InlineData(0, 0.25, "Engine:Background:Slice")]
    [InlineData(5, 0, "Engine:Background:BusyShare")]
    [InlineData(5, 1.5, "Engine:Background:BusyShare")]
    [InlineData(5, double.NaN, "Engine:Background:BusyShare")]
    public void A_setting_out_of_range_is_named(int sliceMs, double share, string setting)
    {
        new BackgroundPaceOptions { Slice = TimeSpan.FromMilliseconds(sliceMs), BusyShare = share }.Fault().Should().StartWith(setting);
        new BackgroundPaceOptions().Fault().Should().BeNull();
    }
}
