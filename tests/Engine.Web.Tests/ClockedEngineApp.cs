using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests;

/// <summary>A clock the test moves by hand.</summary>
public sealed class TestClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>The engine on a test server whose clock is <see cref="Clock"/>: schedules open and close when the test says.</summary>
/// <param name="numbersRecountEvery">The engine's Engine:NumbersRecountEvery, for a test of it (the other tests count after every write).</param>
public sealed class ClockedEngineApp(TimeSpan? numbersRecountEvery = null) : EngineApp
{
    public TestClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (numbersRecountEvery is { } every) builder.UseSetting("Engine:NumbersRecountEvery", every.ToString("c"));
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}
