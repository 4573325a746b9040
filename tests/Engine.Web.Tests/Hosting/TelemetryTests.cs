using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engine.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Engine.Web.Tests.Hosting;

/// <summary>
/// Telemetry as an operator receives it: the engine with its instruments on and OpenTelemetry's in-memory exporters in place
/// of OTLP, and its console log lines as the configured console formatter writes them (JSON here).
/// </summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task A_vote_over_HTTP_gives_its_span_with_tenant_and_route_its_metrics_and_a_JSON_log_line_with_its_trace_id()
    {
        await using var app = new TelemetryEngineApp();
        using var alice = app.Visit("alpha.test");
        await alice.RegisterAsync(TestEmail.Unique());
        var idea = await alice.PostIdeaAsync();
        using var bob = app.Visit("alpha.test");
        await bob.RegisterAsync(TestEmail.Unique());
        // A visitor's page twice: made once, then served from the page cache.
        using var visitor = app.Visit("alpha.test");
        (await visitor.GetPageAsync("challenges/waiting-well")).Status.Should().Be(HttpStatusCode.OK);
        (await visitor.GetPageAsync("challenges/waiting-well")).Status.Should().Be(HttpStatusCode.OK);

        // The vote starts a trace of its own, so its span is told apart from other tests' requests in this process.
        var trace = System.Diagnostics.ActivityTraceId.CreateRandom();
        using var voting = new HttpRequestMessage(HttpMethod.Put, $"api/v1/ideas/{idea}/vote") { Content = JsonContent.Create(new { value = 1 }) };
        voting.Headers.Add("traceparent", $"00-{trace}-{System.Diagnostics.ActivitySpanId.CreateRandom()}-01");
        (await bob.Http.SendAsync(voting)).StatusCode.Should().Be(HttpStatusCode.OK);

        // The span ends just after the answer is sent: wait for it (a bound, not a timing).
        var vote = await Eventually(() => app.Spans.FirstOrDefault(s => s.TraceId == trace && s.GetTagItem("http.request.method") as string == "PUT"
            && (s.GetTagItem("http.route") as string ?? "").EndsWith("/vote", StringComparison.Ordinal)));
        vote.Should().NotBeNull("the vote's request has its span");
        vote!.GetTagItem("engine.tenant").Should().Be("alpha");
        ((string)vote.GetTagItem("http.route")!).Should().Be("/api/v1/ideas/{id:long}/vote", "the route template, never the raw path with the idea's id");

        var metrics = await Eventually(() =>
        {
            app.Services.GetRequiredService<MeterProvider>().ForceFlush();
            var now = app.Metrics.ToList();
            return now.Any(m => m.Name == "http.server.request.duration" && m.MetricPoints.Any(p => Tag(p, "engine.tenant") == "alpha" && Tag(p, "http.route") == "/api/v1/ideas/{id:long}/vote"))
                ? now : null;
        });
        metrics.Should().NotBeNull("the vote's request is measured by tenant and route; measured: {0}", string.Join(", ", app.Metrics.Select(m => m.Name).Distinct()));
        Sum(metrics!, "engine.votes.committed").Should().BeGreaterThanOrEqualTo(1);
        Count(metrics!, "engine.data.commit.duration").Should().BeGreaterThanOrEqualTo(1, "the vote's commit is timed");
        Count(metrics!, "engine.data.group.size").Should().BeGreaterThanOrEqualTo(1);
        Sum(metrics!, "engine.page_cache.hits").Should().BeGreaterThanOrEqualTo(1, "the visitor's second look was served from the cache; measured: {0}",
            string.Join(", ", metrics!.Select(m => m.Name).Distinct()));
        Sum(metrics!, "engine.page_cache.misses").Should().BeGreaterThanOrEqualTo(1);
        metrics!.Should().Contain(m => m.Name == "engine.events.outbox.depth");

        // The console's line for the vote's request: one JSON object, with its time and the vote span's trace id.
        var line = app.LogLines.Select(l => JsonDocument.Parse(l).RootElement)
            .FirstOrDefault(l => l.GetProperty("Category").GetString() == "Microsoft.AspNetCore.Hosting.Diagnostics"
                && l.GetProperty("Message").GetString()!.Contains($"PUT http://alpha.test/api/v1/ideas/{idea}/vote", StringComparison.Ordinal));
        line.ValueKind.Should().Be(JsonValueKind.Object, "the request was logged as JSON");
        DateTimeOffset.Parse(line.GetProperty("Timestamp").GetString()!).Should().BeAfter(EngineApp.Now.AddMinutes(-1));
        line.GetProperty("Scopes").EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("TraceId", out _))
            .Select(s => s.GetProperty("TraceId").GetString()).Should().Contain(vote.TraceId.ToHexString());
    }

    [Fact]
    public async Task Every_engine_instrument_is_in_the_operations_guide_and_every_metric_it_names_is_emitted()
    {
        await using var app = new TelemetryEngineApp();
        using var alice = app.Visit("alpha.test");
        await alice.RegisterAsync(TestEmail.Unique());
        var idea = await alice.PostIdeaAsync();
        (await alice.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 })).StatusCode.Should().Be(HttpStatusCode.OK);

        // Every instrument on the engine's meters: those made per host are made by now; those kept in a static class are
        // made when the class is first used, which this makes happen now for every engine class holding a meter.
        foreach (var type in AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name!.StartsWith("Engine.", StringComparison.Ordinal)).SelectMany(a => a.GetTypes()))
            if (type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic).Any(f => f.FieldType == typeof(Meter)))
                RuntimeHelpers.RunClassConstructor(type.TypeHandle);
        var published = new HashSet<string>();
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, _) => { if (instrument.Meter.Name.StartsWith("Engine.", StringComparison.Ordinal)) lock (published) published.Add(instrument.Name); };
            listener.Start();
        }
        var guide = await File.ReadAllTextAsync(Path.Combine(TestRepository.Root, "docs", "operations.md"));
        var named = Regex.Matches(guide, @"(?m)^\| `(engine\.[a-z_.]+)` \|").Select(m => m.Groups[1].Value).ToHashSet();

        named.Should().NotBeEmpty();
        published.Should().BeSubsetOf(named, "every instrument the engine emits is explained to operators");
        named.Should().BeSubsetOf(published, "every metric the guide names is one the engine emits, spelt as emitted");
    }

    private static async Task<T?> Eventually<T>(Func<T?> find) where T : class
    {
        for (var tries = 0; tries < 200; tries++)
        {
            if (find() is { } found) return found;
            await Task.Delay(50);
        }
        return null;
    }

    private static string? Tag(MetricPoint point, string name)
    {
        foreach (var tag in point.Tags) if (tag.Key == name) return tag.Value?.ToString();
        return null;
    }

    private static long Sum(IEnumerable<MetricSnapshot> metrics, string name) =>
        metrics.Where(m => m.Name == name).SelectMany(m => m.MetricPoints).Select(p => p.GetSumLong()).DefaultIfEmpty().Max();

    private static long Count(IEnumerable<MetricSnapshot> metrics, string name) =>
        metrics.Where(m => m.Name == name).SelectMany(m => m.MetricPoints).Select(p => p.GetHistogramCount()).DefaultIfEmpty().Max();

    /// <summary>The engine with telemetry on, in-memory exporters, JSON logs, and the hosting's request lines logged.</summary>
    private sealed class TelemetryEngineApp : EngineApp
    {
        public ConcurrentQueue<Activity> Spans { get; } = new();
        private readonly List<MetricSnapshot> _metrics = [];
        public ConcurrentQueue<string> LogLines { get; } = new();

        public IReadOnlyList<MetricSnapshot> Metrics
        {
            get { lock (_metrics) return _metrics.ToList(); }
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Engine:Telemetry:Enabled", "true");
            builder.UseSetting("Engine:Logging:Format", "json");
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "Information");
            builder.ConfigureServices(services =>
            {
                services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(new SpanList(Spans)));
                services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(new LockedList(_metrics)));
                services.AddSingleton<ILoggerProvider>(sp => new ConsoleLines(sp, LogLines));
            });
        }
    }

    /// <summary>Each log line as the console would print it, with the formatter the engine configured for the console.</summary>
    private sealed class ConsoleLines(IServiceProvider services, ConcurrentQueue<string> lines) : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider? _scopes;
        private ConsoleFormatter? _formatter;
        private ConcurrentQueue<string> Lines => lines;

        private ConsoleFormatter Formatter => _formatter ??= services.GetServices<ConsoleFormatter>()
            .Single(f => f.Name == services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);

        public ILogger CreateLogger(string category) => new Line(this, category);
        public void SetScopeProvider(IExternalScopeProvider scopes) => _scopes = scopes;
        public void Dispose() { }

        private sealed class Line(ConsoleLines owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes?.Push(state);
            public bool IsEnabled(LogLevel level) => level >= LogLevel.Information;
            public void Log<TState>(LogLevel level, EventId id, TState state, Exception? error, Func<TState, Exception?, string> format)
            {
                using var writer = new StringWriter();
                owner.Formatter.Write(new LogEntry<TState>(level, category, id, state, error, format), owner._scopes, writer);
                owner.Lines.Enqueue(writer.ToString().Trim());
            }
        }
    }

    private sealed class SpanList(ConcurrentQueue<Activity> spans) : ICollection<Activity>
    {
        public void Add(Activity item) => spans.Enqueue(item);
        public int Count => spans.Count;
        public bool IsReadOnly => false;
        public void Clear() => spans.Clear();
        public bool Contains(Activity item) => spans.Contains(item);
        public void CopyTo(Activity[] array, int arrayIndex) => spans.CopyTo(array, arrayIndex);
        public bool Remove(Activity item) => throw new NotSupportedException();
        public IEnumerator<Activity> GetEnumerator() => spans.GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed class LockedList(List<MetricSnapshot> metrics) : ICollection<MetricSnapshot>
    {
        public void Add(MetricSnapshot item) { lock (metrics) metrics.Add(item); }
        public int Count { get { lock (metrics) return metrics.Count; } }
        public bool IsReadOnly => false;
        public void Clear() { lock (metrics) metrics.Clear(); }
        public bool Contains(MetricSnapshot item) { lock (metrics) return metrics.Contains(item); }
        public void CopyTo(MetricSnapshot[] array, int arrayIndex) { lock (metrics) metrics.CopyTo(array, arrayIndex); }
        public bool Remove(MetricSnapshot item) { lock (metrics) return metrics.Remove(item); }
        public IEnumerator<MetricSnapshot> GetEnumerator() { lock (metrics) return metrics.ToList().GetEnumerator(); }
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
