using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Engine.Web.Tests.Security;

/// <summary>An anonymous author's name, email and member id never reach the log at Information level or above.</summary>
public class AnonymityLogTests : IAsyncLifetime
{
    private sealed class Capture : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();
        public ILogger CreateLogger(string category) => new Logger(this, category);
        public void Dispose() { }

        private sealed class Logger(Capture owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel level) => level >= LogLevel.Information;
            public void Log<TState>(LogLevel level, EventId id, TState state, Exception? error, Func<TState, Exception?, string> format)
            {
                if (IsEnabled(level)) owner.Lines.Enqueue($"{level} {category}: {format(state, error)} {error}");
            }
        }
    }

    private sealed class App(Capture capture) : EngineApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(capture));
        }
    }

    private readonly Capture _capture = new();
    private readonly App _app;
    public AnonymityLogTests() => _app = new App(_capture);
    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Posting_and_commenting_anonymously_logs_nothing_that_identifies_the_author()
    {
        const string name = "Nurse Unloggable";
        var email = $"unloggable-{Guid.NewGuid():N}@example.nhs.uk";
        using var nurse = _app.Visit("beta.test");
        var memberId = await nurse.RegisterAsync(email, name);
        _capture.Lines.Clear(); // registration itself is not anonymous
        var idea = await nurse.PostIdeaAsync(title: "An anonymous idea for the log test", anonymous: true);
        await nurse.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body = "And an anonymous comment", anonymous = true });
        await nurse.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 });
        await nurse.GetPageAsync($"/ideas/{idea}");

        _capture.Lines.Should().Contain(l => l.Contains("posted"), "the engine logs what was posted, by id");
        _capture.Lines.Should().NotContain(l => l.Contains(name) || l.Contains(email, StringComparison.OrdinalIgnoreCase));
        _capture.Lines.Should().NotContain(l => l.Contains($"member {memberId}") || l.Contains($"MemberId={memberId}"));
    }
}
