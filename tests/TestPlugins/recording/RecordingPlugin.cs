using System.Text.Json;
using Engine.Sdk;

namespace Engine.TestPlugins.Recording;

public sealed class RecordingPlugin : IPlugin
{
    public void Register(IRuleRegistrar rules) =>
        rules.AddEventHandler("recording", s => new RecordingHandler(s.String("file"), s.Int("failFirst"), s.Int("hangMs"), s.State));
}

/// <summary>
/// Appends one JSON line per call to its file: the event, whether this call failed (the first <c>failFirst</c> calls
/// do: by throwing, or by sleeping <c>hangMs</c> when it is set), the process that delivered it (an engine node), and the last event id its site's plugin state held before this one (what another site's copy must never see).
/// </summary>
public sealed class RecordingHandler(string file, int failFirst, int hangMs, IPluginState state) : IEventHandler
{
    private static readonly object Gate = new();
    private int _calls;

    public void Handle(SiteEvent e)
    {
        var failing = Interlocked.Increment(ref _calls) <= failFirst;
        var previous = failing ? null : state.Get("last")?.GetString();
        // Kept before the line is written: once a test sees the line, the next event reads this.
        if (!failing) state.Set("last", JsonSerializer.SerializeToElement(e.Id));
        Write(new { outcome = failing ? "failed" : "handled", e.Id, e.Kind, e.TenantId, e.Stream, e.Sequence, e.IdeaId, e.Author, e.Value, e.Up, previous, node = Environment.ProcessId });
        if (failing && hangMs > 0) Thread.Sleep(hangMs);
        else if (failing) throw new InvalidOperationException($"failing call {_calls} of the first {failFirst}, as asked");
    }

    private void Write(object line)
    {
        lock (Gate) File.AppendAllText(file, JsonSerializer.Serialize(line) + "\n");
    }
}
