using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Engine.Core.Members;
using Engine.Web.DataRights;
using Engine.Web.Tests.Email;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Engine.Web.Tests.DataRights;

/// <summary>
/// The retention rule: "keep" deletes member accounts unused for 12 months, 30 days after warning their owner by email (in
/// the member's language). Coming back withdraws the warning; staff and blocked accounts are never touched. The clock is
/// moved by the tests, so they run one after another on one engine. Run on SQLite and, in the PostgreSQL run, on PostgreSQL.
/// </summary>
public sealed class RetentionTests(RetentionTests.RetentionApp app) : IClassFixture<RetentionTests.RetentionApp>
{
    public sealed class RetentionApp : MailApp
    {
        public LogCapture Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(Logs));
        }

        public RetentionApp()
        {
            var keep = Tenant("keep", "Keep Region", ["keep.test"], anonymous: true, downVotes: false);
            keep["accounts"] = new { deleteInactiveAfterMonths = 12, inactiveWarningDays = 30 };
            keep["languages"] = new[] { "cy-GB" };
            WriteTenant("keep", keep);
        }
    }

    private const string Host = "keep.test";

    [Fact]
    public async Task An_unused_account_is_warned_once_in_its_language_then_deleted_with_what_it_posted_kept_under_Former_member()
    {
        var gone = await app.RegisteredAsync(Host, "Gwen Gadael");
        await Members.SetLanguageAsync("keep", gone.Id, "cy-GB");
        var idea = await gone.Visitor.PostIdeaAsync(title: "Gwen's idea stays", body: "Kept when her account goes");
        var active = await app.RegisteredAsync(Host, "Ari Active");
        var admin = await app.RegisteredAsync(Host, "Ada Admin", Roles.Admin);
        var blocked = await app.RegisteredAsync(Host, "Bo Blocked");
        var member = (await Members.FindByIdAsync("keep", blocked.Id))!;
        member.Blocked = true;
        await Members.UpdateAsync(member);

        app.Clock.Advance(TimeSpan.FromDays(400));
        await ComeBackAsync(active);
        await SweepAsync();

        var warning = await app.Smtp.WaitForKindAsync(gone.Email, "inactive-account");
        warning.Subject.Should().Be("Bydd eich cyfrif ar Keep Region yn cael ei ddileu oni bai eich bod yn mewngofnodi");
        warning.Body.Should().Contain("ers 12 mis").And.Contain("ymhen 30 diwrnod").And.Contain("http://keep.test/account/signin")
            .And.Contain("oherwydd bod gennych gyfrif ar Keep Region");
        warning.Html.Should().Contain("Mewngofnodwch i gadw eich cyfrif");
        (await WarnedAsync()).Should().Contain(gone.Id).And.NotContain([active.Id, admin.Id, blocked.Id], "staff, blocked and active accounts are not warned");

        await SweepAsync();
        app.Clock.Advance(TimeSpan.FromDays(29));
        await SweepAsync();
        (await WarningsQueuedTo(gone.Id)).Should().Be(1, "a member is warned once");
        (await Members.FindByIdAsync("keep", gone.Id))!.DisplayName.Should().Be("Gwen Gadael", "the 30 days are not over");

        app.Clock.Advance(TimeSpan.FromDays(2));
        await SweepAsync();

        (await Members.FindByIdAsync("keep", gone.Id))!.Email.Should().BeEmpty("the account is deleted");
        using var again = app.Visit(Host);
        (await again.Http.PostAsJsonAsync("api/v1/account/signin", new { email = gone.Email, password = "correct horse battery" }))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var kept = await again.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{idea}");
        (kept.GetProperty("title").GetString(), kept.GetProperty("author").GetProperty("displayName").GetString())
            .Should().Be(("Gwen's idea stays", "Former member"));
        foreach (var person in new[] { active, admin, blocked })
            (await Members.FindByIdAsync("keep", person.Id))!.Email.Should().Be(person.Email, $"{person.Name}'s account stays");
        app.Logs.Lines.Should().Contain(l => l.Contains("Retention rule on keep") && l.Contains("deleted"));
        app.Logs.Lines.Should().NotContain(l => l.Contains("Gwen") || l.Contains(gone.Email), "the log says how many accounts went, never whose");
    }

    [Fact]
    public async Task Coming_back_after_the_warning_keeps_the_account_and_a_later_silence_is_warned_afresh()
    {
        var back = await app.RegisteredAsync(Host, "Bea Back");
        app.Clock.Advance(TimeSpan.FromDays(400));
        await SweepAsync();
        var warning = await app.Smtp.WaitForKindAsync(back.Email, "inactive-account");
        warning.Subject.Should().Be("Your account on Keep Region will be deleted unless you sign in");
        warning.Body.Should().Contain("for 12 months").And.Contain("in 30 days").And.Contain("“Former member”");

        app.Clock.Advance(TimeSpan.FromDays(10));
        await ComeBackAsync(back);
        app.Clock.Advance(TimeSpan.FromDays(25));
        await SweepAsync();

        (await Members.FindByIdAsync("keep", back.Id))!.Email.Should().Be(back.Email, "she signed in after the warning");
        (await WarnedAsync()).Should().NotContain(back.Id);
        app.Clock.Advance(TimeSpan.FromDays(400));
        await SweepAsync();
        (await app.Smtp.WaitForAsync(back.Email, m => m.Header("X-Engine-Email-Kind") == "inactive-account", count: 2)).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_personal_token_in_use_counts_as_using_the_site()
    {
        var script = await app.RegisteredAsync(Host, "Sid Script");
        var tokenResponse = await script.Visitor.Http.PostAsJsonAsync("api/v1/account/tokens",
            new { email = script.Email, password = "correct horse battery", name = "Nightly export", days = 365 });
        tokenResponse.StatusCode.Should().Be(HttpStatusCode.OK, await tokenResponse.Content.ReadAsStringAsync());
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        app.Clock.Advance(TimeSpan.FromDays(360));
        using var bot = app.Visit(Host);
        bot.Http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        (await bot.Http.GetAsync("api/v1/account/data")).StatusCode.Should().Be(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromDays(10));

        await SweepAsync();

        (await WarnedAsync()).Should().NotContain(script.Id, "the token was used 10 days ago");
    }

    private IMemberStore Members => app.Services.GetRequiredService<IMemberStore>();

    private Task SweepAsync() => app.Services.GetRequiredService<RetentionSweeper>().SweepAllAsync(CancellationToken.None);

    /// <summary>Signs in afresh (a cookie from a year ago has expired) and opens a page, as someone coming back would.</summary>
    private async Task ComeBackAsync(Person person)
    {
        using var visitor = app.Visit(Host);
        (await visitor.Http.PostAsJsonAsync("api/v1/account/signin", new { email = person.Email, password = "correct horse battery" }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await visitor.Http.GetAsync("api/v1/account/data")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private async Task<List<long>> WarnedAsync()
    {
        await using var db = app.Services.GetRequiredService<Engine.Data.Database>().OpenReader();
        return (await db.QueryAsync<long>("SELECT id FROM members WHERE tenant_id = 'keep' AND retention_warned_at IS NOT NULL AND deleted_at IS NULL ORDER BY id")).ToList();
    }

    private async Task<long> WarningsQueuedTo(long memberId)
    {
        await using var db = app.Services.GetRequiredService<Engine.Data.Database>().OpenReader();
        return await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM email_outbox WHERE tenant_id = 'keep' AND member_id = @memberId AND kind = 'inactive-account'",
            new { memberId });
    }
}
