using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Engine.Web.Tests;

/// <summary>The engine on a test server whose clock is <see cref="Clock"/>: schedules open and close when the test says.</summary>
/// <param name="numbersRecountEvery">The engine's Engine:NumbersRecountEvery, for a test of it (the other tests count after every write).</param>
public sealed class ClockedEngineApp(TimeSpan? numbersRecountEvery = null) : EngineApp
{
    /// <summary>Stands still at the time the app was made until the test moves it.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (numbersRecountEvery is { } every) builder.UseSetting("Engine:NumbersRecountEvery", every.ToString("c"));
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}
