using Engine.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.Hosting;

/// <summary>Background work gives way while a request is in flight: the count must hold while one is answered, and only then.</summary>
public sealed class RequestsInFlightTests
{
    [Fact]
    public async Task A_request_counts_as_in_flight_while_it_is_answered_and_not_after_even_when_it_fails()
    {
        var services = new ServiceCollection().AddSingleton<RequestsInFlight>().BuildServiceProvider();
        var requests = services.GetRequiredService<RequestsInFlight>();
        var seen = new List<int>();
        var app = new ApplicationBuilder(services).UseRequestsInFlight();
        app.Run(context =>
        {
            seen.Add(requests.Count);
            return context.Request.Path == "/fails" ? throw new InvalidOperationException("a failing page") : Task.CompletedTask;
        });
        var pipeline = app.Build();

        await pipeline(new DefaultHttpContext());
        var failing = new DefaultHttpContext();
        failing.Request.Path = "/fails";
        await pipeline.Invoking(p => p(failing)).Should().ThrowAsync<InvalidOperationException>();

        seen.Should().Equal(1, 1);
        requests.Busy.Should().BeFalse();
    }
}
