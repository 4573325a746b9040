using System.Diagnostics;

namespace Engine.Web.Tests.Containment;

/// <summary>What the test process is using now, as the operating system reports it.</summary>
public static class ThisProcess
{
    public static int Threads()
    {
        using var process = Process.GetCurrentProcess();
        return process.Threads.Count;
    }

    /// <summary>The threads running or waiting for a core (Linux reports both as running).</summary>
    public static HashSet<int> RunningThreads()
    {
        using var process = Process.GetCurrentProcess();
        return process.Threads.Cast<ProcessThread>().Where(t => t.ThreadState == System.Diagnostics.ThreadState.Running).Select(t => t.Id).ToHashSet();
    }

    public static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
