using System.Net.Http.Json;

namespace Engine.Web.Tests.Security;

/// <summary>An anonymous author's name, email and member id never reach the log at Information level or above.</summary>
public class AnonymityLogTests : IAsyncLifetime
{
    private readonly LogCapture _capture = new();
    private readonly LoggedEngineApp _app;
    public AnonymityLogTests() => _app = new LoggedEngineApp(_capture);
    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Posting_and_commenting_anonymously_logs_nothing_that_identifies_the_author()
    {
        const string name = "Nurse Unloggable";
        var email = TestEmail.Unique("unloggable");
        using var nurse = _app.Visit("beta.test");
        var memberId = await nurse.RegisterAsync(email, name);
        _capture.Entries.Clear(); // registration itself is not anonymous
        var idea = await nurse.PostIdeaAsync(title: "An anonymous idea for the log test", anonymous: true);
        await nurse.Http.PostAsJsonAsync($"api/v1/ideas/{idea}/comments", new { body = "And an anonymous comment", anonymous = true });
        await nurse.Http.PutAsJsonAsync($"api/v1/ideas/{idea}/vote", new { value = 1 });
        await nurse.GetPageAsync($"/ideas/{idea}");

        _capture.Lines.Should().Contain(l => l.Contains("posted"), "the engine logs what was posted, by id");
        _capture.Lines.Should().NotContain(l => l.Contains(name) || l.Contains(email, StringComparison.OrdinalIgnoreCase));
        _capture.Lines.Should().NotContain(l => l.Contains($"member {memberId}") || l.Contains($"MemberId={memberId}"));
    }

    [Fact]
    public async Task Editing_and_withdrawing_anonymously_logs_nothing_that_identifies_the_author()
    {
        const string name = "Nurse Uneditable";
        var email = TestEmail.Unique("uneditable");
        using var nurse = _app.Visit("beta.test");
        var memberId = await nurse.RegisterAsync(email, name);
        var idea = await nurse.PostIdeaAsync(title: "An anonymous idea to edit", anonymous: true);
        var other = await nurse.PostIdeaAsync(title: "An anonymous idea to withdraw", anonymous: true);
        _capture.Entries.Clear();
        (await nurse.Http.PutAsJsonAsync($"api/v1/ideas/{idea}", new { title = "An anonymous idea, edited", body = "Changed" })).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        (await nurse.Http.PostAsync($"api/v1/ideas/{other}/withdraw", null)).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);

        _capture.Lines.Should().Contain(l => l.Contains("edited by its author")).And.Contain(l => l.Contains("withdrawn by its author"));
        _capture.Lines.Should().NotContain(l => l.Contains(name) || l.Contains(email, StringComparison.OrdinalIgnoreCase));
        _capture.Lines.Should().NotContain(l => l.Contains($"member {memberId}") || l.Contains($"MemberId={memberId}"));
    }
}
