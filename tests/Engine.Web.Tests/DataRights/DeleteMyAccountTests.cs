using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Engine.Core.Members;
using Microsoft.Extensions.DependencyInjection;

namespace Engine.Web.Tests.DataRights;

/// <summary>
/// "Delete my account": confirmed with the password; contributions deleted or kept under "Former member"; votes go and the
/// counts follow; every sign-in and token ends. Afterwards no table (every table of the schema, the full-text index's
/// too), export, queued email, log line or search holds the member's name or email. Run on SQLite and, in the PostgreSQL run, on PostgreSQL.
/// </summary>
public sealed class DeleteMyAccountTests(DataRightsApp app) : IClassFixture<DataRightsApp>
{
    [Fact]
    public async Task A_wrong_password_deletes_nothing()
    {
        var (member, id) = await app.MemberAsync("rights.test", Roles.Member, "Wanda Wrong");
        var idea = await member.PostIdeaAsync(title: "Wanda's idea stays");

        var page = await member.SubmitAsync("account/delete", "account/delete", new() { ["password"] = "not my password", ["contributions"] = "delete" });
        page.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await page.Content.ReadAsStringAsync()).Should().Contain("That is not your password").And.Contain("id=\"password-error\"");
        var api = await member.Http.PostAsJsonAsync("api/v1/account/delete", new { password = "", deleteContributions = true });
        api.StatusCode.Should().Be(HttpStatusCode.Forbidden);

        (await app.Services.GetRequiredService<IMemberStore>().FindByIdAsync("rights", id))!.DisplayName.Should().Be("Wanda Wrong");
        (await member.Http.GetAsync($"api/v1/ideas/{idea}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await member.Http.GetAsync("api/v1/account/data")).StatusCode.Should().Be(HttpStatusCode.OK, "still signed in");
    }

    [Fact]
    public async Task Kept_contributions_stay_under_Former_member_votes_go_with_the_counts_and_every_sign_in_and_token_ends()
    {
        var person = new Person("Zelda Quartermain", TestEmail.Unique("zelda"));
        var (member, _) = await app.MemberAsync("rights.test", Roles.Member, person.Name, person.Email);
        var (other, _) = await ConfirmedMemberAsync("rights.test", "Bob Bystander");
        var named = await member.PostIdeaAsync(title: "Her named idea", body: "Kept after she leaves");
        var anonymous = await member.PostIdeaAsync(title: "Her anonymous idea", body: "Kept and still anonymous", anonymous: true);
        var bobs = await other.PostIdeaAsync(title: "Bob's idea", body: "Bob wrote this");
        await DataRightsApp.CommentAsync(member, bobs, "Her comment, kept");
        await DataRightsApp.VoteAsync(member, bobs, 1);
        await DataRightsApp.VoteAsync(other, named, 1);
        (await DataRightsApp.CountsAsync(other, bobs)).Should().Be((1, 0));
        var token = await TokenAsync(member, person);
        var before = await EverythingStoredAsync();
        before.Should().Contain(v => v.StartsWith("members:") && v.Contains(person.Email));
        before.Should().Contain(v => v.StartsWith("email_outbox:") && v.Contains(person.Name), "Bob's email about her comment names her");

        var deleted = await member.SubmitAsync("account/delete", "account/delete", new() { ["password"] = DataRightsApp.Password, ["contributions"] = "keep" });

        deleted.StatusCode.Should().Be(HttpStatusCode.OK);
        (await deleted.Content.ReadAsStringAsync()).Should().Contain("Your account has been deleted").And.NotContain(person.Name);
        (await member.Http.GetAsync("api/v1/account/data")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "this sign-in ended");
        using var withToken = app.Visit("rights.test");
        withToken.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await withToken.Http.GetAsync("api/v1/account/data")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the token ended");
        using var again = app.Visit("rights.test");
        (await again.Http.PostAsJsonAsync("api/v1/account/signin", new { email = person.Email, password = DataRightsApp.Password }))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the account is gone");

        var kept = await other.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{named}");
        (kept.GetProperty("author").GetProperty("displayName").GetString(), kept.GetProperty("up").GetInt32()).Should().Be(("Former member", 1));
        (await other.GetPageAsync($"/ideas/{named}")).Html.Should().Contain("Former member").And.NotContain(person.Name);
        var stillAnonymous = await other.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{anonymous}");
        (stillAnonymous.GetProperty("author").ValueKind, stillAnonymous.GetProperty("anonymous").GetBoolean()).Should().Be((JsonValueKind.Null, true));
        var bobsIdea = await other.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{bobs}");
        bobsIdea.GetProperty("up").GetInt32().Should().Be(0, "her vote went with her account");
        bobsIdea.GetProperty("comments").EnumerateArray().Select(k => (k.GetProperty("body").GetString(), k.GetProperty("author").GetProperty("displayName").GetString()))
            .Should().Equal(("Her comment, kept", "Former member"));

        await NothingHoldsAsync(person, "rights.test");
        (await EverythingStoredAsync()).Should().Contain(v => v.StartsWith("email_outbox:") && v.Contains("Former member"), "Bob's email now says who as the site does");
        // The address is free again: someone registering it gets a new, empty account.
        await again.RegisterAsync(person.Email, "Zed Newcomer");
        (await DataRightsApp.UnzipAsync(await again.Http.GetAsync("api/v1/account/data")))["ideas.csv"].Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Should().HaveCount(1, "the new account has none of the old one's ideas");
    }

    [Theory]
    [InlineData("rights")]
    [InlineData("fullanon")]
    public async Task Deleted_contributions_go_with_what_hangs_on_them_anonymous_ones_included(string tenant)
    {
        var person = new Person("Yorick Thistlewood", TestEmail.Unique("yorick"));
        var (member, _) = await app.MemberAsync($"{tenant}.test", Roles.Member, person.Name, person.Email);
        var (other, _) = await ConfirmedMemberAsync($"{tenant}.test", "Carla Commenter");
        var named = await member.PostIdeaAsync(title: "His named idea about xylophones", body: "Deleted with him");
        var anonymous = await member.PostIdeaAsync(title: "His anonymous idea about zithers", body: "Deleted too", anonymous: true);
        // Edited before anyone reacts: moderators keep the first words as a version, which must go with the ideas too.
        foreach (var (idea, title) in new[] { (named, "His named idea about xylophones, edited"), (anonymous, "His anonymous idea about zithers, edited") })
            (await member.Http.PutAsJsonAsync($"api/v1/ideas/{idea}", new { title, body = "Deleted with him, edited" })).IsSuccessStatusCode.Should().BeTrue();
        // An image on each, its alt text in words only his ideas use: the alt text and every copy of the image go with them.
        var served = new List<string>();
        foreach (var (idea, alt) in new[] { (named, "A sketch of xylophones"), (anonymous, "A photo of zithers") })
        {
            (await Images.ImageApi.PostAsync(member, idea, ("image", "his.png", Images.TestImages.Png(), alt))).StatusCode.Should().Be(HttpStatusCode.OK);
            var image = (await Images.ImageApi.ListAsync(member, idea)).Single();
            foreach (var copy in new[] { "url", "thumbnailUrl" })
                served.Add(Convert.ToBase64String(await other.Http.GetByteArrayAsync(image.GetProperty(copy).GetString()!.TrimStart('/'))));
        }
        (await EverythingStoredAsync()).Should().Contain(v => v.Contains(served[0]), "the copies are stored as they are served");
        var carlas = await other.PostIdeaAsync(title: "Carla's idea", body: "Carla wrote this");
        var onHers = await DataRightsApp.CommentAsync(member, carlas, "His comment on Carla's idea", anonymous: true);
        var reply = await ReplyAsync(other, carlas, onHers, "Carla's reply to him");
        await DataRightsApp.CommentAsync(other, named, "Carla's comment on his idea");
        await DataRightsApp.VoteAsync(other, named, 1);
        await DataRightsApp.VoteAsync(member, carlas, -1);
        (await DataRightsApp.CountsAsync(other, carlas)).Should().Be((0, 1));
        (await SearchAsync(other, "xylophones")).Should().Equal(named);

        var deleted = await member.Http.PostAsJsonAsync("api/v1/account/delete", new { password = DataRightsApp.Password, deleteContributions = true });

        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent, await deleted.Content.ReadAsStringAsync());
        (await other.Http.GetAsync($"api/v1/ideas/{named}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.Http.GetAsync($"api/v1/ideas/{anonymous}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var hers = await other.Http.GetFromJsonAsync<JsonElement>($"api/v1/ideas/{carlas}");
        (hers.GetProperty("down").GetInt32(), hers.GetProperty("commentCount").GetInt32()).Should().Be((0, 1));
        hers.GetProperty("comments").EnumerateArray().Select(k => (k.GetProperty("id").GetInt64(), k.GetProperty("parentId").ValueKind))
            .Should().Equal([(reply, JsonValueKind.Null)], "a reply to a deleted comment stays, as a comment on the idea");
        (await SearchAsync(other, "xylophones")).Should().BeEmpty();
        (await SearchAsync(other, "zithers")).Should().BeEmpty();
        await NothingHoldsAsync(person, $"{tenant}.test");
        var everything = await EverythingStoredAsync();
        everything.Should().NotContain(v => v.Contains("xylophones") || v.Contains("zithers"), "his ideas and their images' alt text are gone from every table");
        everything.Should().NotContain(v => served.Any(v.Contains), "no copy of his images is kept");
        // Carla's email quoting his comment was written when he posted it, and no longer names anyone.
        everything.Should().NotContain(v => v.Contains("His comment on") && !v.StartsWith("email_outbox:"), "his comment is gone from every other table");
    }

    private sealed record Person(string Name, string Email);

    /// <summary>No log line, table, export, queued email or search holds any part of the person's name or their email.</summary>
    private async Task NothingHoldsAsync(Person person, string host)
    {
        var words = person.Name.Split(' ').Append(person.Email).ToList();
        // Read before searching for the name below: a request's address may be logged.
        app.Logs.Lines.Should().Contain(l => l.Contains("DatabaseMigrator"), "the log is captured");
        foreach (var word in words)
            app.Logs.Lines.Should().NotContain(l => l.Contains(word, StringComparison.OrdinalIgnoreCase), $"no log line may hold \"{word}\"");
        var everything = await EverythingStoredAsync();
        foreach (var word in words)
            everything.Should().NotContain(v => v.Contains(word, StringComparison.OrdinalIgnoreCase), $"no table may hold \"{word}\"");
        var (admin, _) = await app.MemberAsync(host, Roles.Admin, "Ada Admin");
        var bundle = await DataRightsApp.UnzipAsync(await admin.Http.GetAsync("api/v1/admin/exports/bundle.zip"));
        foreach (var word in words)
            bundle.Values.Should().NotContain(f => f.Contains(word, StringComparison.OrdinalIgnoreCase), $"no export may hold \"{word}\"");
        foreach (var word in person.Name.Split(' '))
            (await SearchAsync(admin, word)).Should().BeEmpty();
        var database = app.Services.GetRequiredService<Engine.Data.Database>();
        if (database.Dialect != Engine.Data.SqlDialect.Sqlite) return;
        // The full-text index itself, not only the text it keeps: a word it still indexed would match.
        await using var db = database.OpenReader();
        foreach (var word in person.Name.Split(' '))
            (await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM idea_search WHERE idea_search MATCH @word", new { word = $"\"{word}\"" }))
                .Should().Be(0, $"the search index must not hold \"{word}\"");
    }

    /// <summary>Every value of every row of every table in the schema (on SQLite the full-text index's tables too), each as "table: value".</summary>
    private async Task<List<string>> EverythingStoredAsync()
    {
        var database = app.Services.GetRequiredService<Engine.Data.Database>();
        await using var db = database.OpenReader();
        var tables = (database.Dialect == Engine.Data.SqlDialect.Sqlite
            ? await db.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            : await db.QueryAsync<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"))
            .ToList();
        tables.Should().Contain(["members", "ideas", "comments", "votes", "email_outbox", "audit_log"]);
        if (database.Dialect == Engine.Data.SqlDialect.Sqlite) tables.Should().Contain("idea_search");
        var values = new List<string>();
        foreach (var table in tables)
            foreach (IDictionary<string, object?> row in await db.QueryAsync($"SELECT * FROM \"{table}\""))
                foreach (var value in row.Values)
                    values.Add($"{table}: " + (value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : Convert.ToString(value, CultureInfo.InvariantCulture)));
        return values;
    }

    /// <summary>A member whose address is confirmed (as the link in the email does), so that they get replies by email.</summary>
    private async Task<(Visitor Visitor, long Id)> ConfirmedMemberAsync(string host, string name)
    {
        var (visitor, id) = await app.MemberAsync(host, Roles.Member, name);
        var members = app.Services.GetRequiredService<IMemberStore>();
        var member = (await members.FindByIdAsync(host.Split('.')[0], id))!;
        member.EmailConfirmed = true;
        await members.UpdateAsync(member);
        return (visitor, id);
    }

    private static async Task<string> TokenAsync(Visitor member, Person person)
    {
        var response = await member.Http.PostAsJsonAsync("api/v1/account/tokens", new { email = person.Email, password = DataRightsApp.Password, name = "Script" });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private static async Task<long> ReplyAsync(Visitor visitor, long ideaId, long parentId, string body)
    {
        var response = await visitor.Http.PostAsJsonAsync($"api/v1/ideas/{ideaId}/comments", new { body, anonymous = false, parentId });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task<IReadOnlyList<long>> SearchAsync(Visitor visitor, string q) =>
        (await visitor.Http.GetFromJsonAsync<JsonElement>($"api/v1/search?q={Uri.EscapeDataString(q)}")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("id").GetInt64()).ToList();
}
