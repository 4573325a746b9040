using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Engine.Web.Tests;

/// <summary>Everything the engine logs at Information level or above, kept for a test to read.</summary>
public sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message, Exception? Error)> Entries { get; } = new();

    /// <summary>Each entry as one line: level, category, message and exception.</summary>
    public IEnumerable<string> Lines => Entries.Select(e => $"{e.Level} {e.Category}: {e.Message} {e.Error}");

    public ILogger CreateLogger(string category) => new Logger(this, category);
    public void Dispose() { }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel level) => level >= LogLevel.Information;
        public void Log<TState>(LogLevel level, EventId id, TState state, Exception? error, Func<TState, Exception?, string> format)
        {
            if (IsEnabled(level)) owner.Entries.Enqueue((level, category, format(state, error), error));
        }
    }
}

/// <summary>The engine with its log captured.</summary>
public sealed class LoggedEngineApp(LogCapture capture) : EngineApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(capture));
    }
}
