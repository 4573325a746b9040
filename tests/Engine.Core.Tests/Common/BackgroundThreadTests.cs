using Engine.Core.Common;

namespace Engine.Core.Tests.Common;

public class BackgroundThreadTests
{
    [Fact]
    public async Task Background_work_runs_on_a_thread_of_its_own_at_the_lowest_priority_and_no_other_thread_is_lowered()
    {
        var caller = BackgroundThread.CurrentNice();
        var callerThread = Environment.CurrentManagedThreadId;

        var (nice, thread, pooled) = await BackgroundThread.RunAsync(() =>
            (BackgroundThread.CurrentNice(), Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread));

        nice.Should().Be(BackgroundThread.LinuxNice, "the engine runs on Linux, where a thread's priority is its nice value");
        thread.Should().NotBe(callerThread);
        pooled.Should().BeFalse("a pool thread, lowered, would later serve requests slowly");
        BackgroundThread.CurrentNice().Should().Be(caller);
        (await Task.Run(BackgroundThread.CurrentNice)).Should().Be(caller, "the thread pool's threads keep their priority");
    }
}
