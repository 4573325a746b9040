using System.Text.Json;
using Engine.Plugins.Loading;
using Engine.Plugins.Rules;
using Engine.Sdk;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Engine.Plugins.Tests;

/// <summary>A rule writes to the engine's log under a category naming its plugin and rule, and cannot flood it.</summary>
public class RuleLogTests : IDisposable
{
    private readonly PluginFolders _folders = new();
    private readonly Captured _log = new();
    public void Dispose() => _folders.Dispose();

    [Fact]
    public void A_shipped_rule_logs_under_its_plugin_and_rule_with_its_values_as_fields()
    {
        _folders.Copy("report-threshold");
        var catalog = new PluginCatalog(_folders.Root, TimeSpan.FromSeconds(5), NullLogger<PluginCatalog>.Instance, loggers: _log);
        catalog.Refresh();
        var settings = new Dictionary<string, JsonElement> { ["reports"] = JsonSerializer.SerializeToElement(2) };
        var rule = catalog.CreateModeration("report-threshold", settings).Rule!;

        rule.CheckReports(new ReportTally(ContributionKind.Idea, 1)).Should().BeOfType<ModerationDecision.Publish>();
        _log.Entries.Should().BeEmpty("nothing happened worth telling");
        rule.CheckReports(new ReportTally(ContributionKind.Comment, 2)).Should().BeOfType<ModerationDecision.Hold>();

        var entry = _log.Entries.Should().ContainSingle().Subject;
        entry.Category.Should().Be("Engine.Plugins.report-threshold.report-threshold");
        entry.Level.Should().Be(LogLevel.Information);
        entry.Message.Should().Be("Held reported content for review: 2 different members reported it (threshold 2)");
        entry.Fields.Should().Contain(new KeyValuePair<string, object?>("Reporters", 2)).And.Contain(new KeyValuePair<string, object?>("Threshold", 2));
    }

    [Fact]
    public void A_rule_that_logs_in_a_loop_writes_sixty_messages_a_minute_and_one_warning()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
        var log = new PluginRuleLog(_log.CreateLogger("Engine.Plugins.loud.rule"), clock);
        for (var i = 0; i < 500; i++) log.Information("Round {Round}", i);
        _log.Entries.Count(e => e.Level == LogLevel.Information).Should().Be(PluginRuleLog.PerMinute);
        _log.Entries.Should().ContainSingle(e => e.Level == LogLevel.Warning)
            .Which.Message.Should().Be("The rule wrote more than 60 log messages in a minute; the rest of this minute's are dropped");

        clock.Advance(TimeSpan.FromMinutes(1));
        log.Error(new InvalidOperationException("boom"), "After {Minutes} minute", 1);
        _log.Entries.Last().Should().Match<Captured.Entry>(e => e.Level == LogLevel.Error && e.Message == "After 1 minute" && e.Exception is InvalidOperationException);
    }

    /// <summary>Every message written, with its category and structured fields.</summary>
    private sealed class Captured : ILoggerFactory
    {
        public sealed record Entry(string Category, LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, object?>> Fields, Exception? Exception);

        public List<Entry> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
        public void AddProvider(ILoggerProvider provider) { }
        public void Dispose() { }

        private sealed class Logger(Captured owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner.Entries)
                    owner.Entries.Add(new Entry(category, logLevel, formatter(state, exception),
                        state as IReadOnlyList<KeyValuePair<string, object?>> ?? [], exception));
            }
        }
    }
}
