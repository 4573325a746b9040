using System.Text.Json;
using Engine.Data.Stores;
using Engine.Sdk;

namespace Engine.Data.Tests;

/// <summary>Each plugin's key/value store on a site, on this run's database: kept apart per site and plugin, and limited.</summary>
public sealed class PluginStateStoreTests : IAsyncLifetime
{
    private readonly StoreFixture _store = new();

    public Task InitializeAsync() => _store.InitializeAsync();
    public Task DisposeAsync() => _store.DisposeAsync();

    private PluginStateStore State => new(_store.Db);

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void A_value_is_kept_as_json_replaced_listed_and_removed()
    {
        var mine = State.For("t1", "webhooks");

        mine.Set("endpoint/1", Json("""{"url":"https://example.nhs.uk/hook","tries":3}"""));
        mine.Set("endpoint/2", Json("\"second\""));
        mine.Set("endpoint/1", Json("""{"url":"https://example.nhs.uk/other"}"""));
        mine.Set("note", Json("42"));

        mine.Get("endpoint/1")!.Value.GetProperty("url").GetString().Should().Be("https://example.nhs.uk/other");
        mine.Keys("endpoint/").Should().Equal("endpoint/1", "endpoint/2");
        mine.Keys().Should().Equal("endpoint/1", "endpoint/2", "note");
        mine.Remove("endpoint/2").Should().BeTrue();
        mine.Remove("endpoint/2").Should().BeFalse();
        mine.Get("endpoint/2").Should().BeNull();
    }

    [Fact]
    public void One_site_s_plugin_never_reads_another_site_s_state_nor_another_plugin_s()
    {
        State.For("t1", "webhooks").Set("secret", Json("\"t1's secret\""));

        State.For("t2", "webhooks").Get("secret").Should().BeNull();
        State.For("t2", "webhooks").Keys().Should().BeEmpty();
        State.For("t1", "other-plugin").Get("secret").Should().BeNull();
        State.For("t2", "webhooks").Remove("secret").Should().BeFalse();
        State.For("t1", "webhooks").Get("secret")!.Value.GetString().Should().Be("t1's secret");
    }

    [Fact]
    public void A_value_over_the_limit_is_refused_naming_the_key_and_the_limit_and_nothing_changes()
    {
        var mine = State.For("t1", "webhooks");
        mine.Set("big", Json("\"small\""));

        var tooBig = () => mine.Set("big", JsonSerializer.SerializeToElement(new string('x', StateLimits.ValueBytes)));

        tooBig.Should().Throw<StateLimitException>().WithMessage("*plugin 'webhooks' on site 't1'*key 'big'*65,538 bytes*at most 65,536 bytes*");
        mine.Get("big")!.Value.GetString().Should().Be("small");
    }

    [Fact]
    public void A_plugin_s_values_together_are_limited_per_site()
    {
        var mine = State.For("t1", "webhooks");
        var chunk = JsonSerializer.SerializeToElement(new string('x', StateLimits.ValueBytes - 2));
        for (var i = 0; i < StateLimits.PluginBytes / StateLimits.ValueBytes; i++) mine.Set($"chunk/{i}", chunk);

        var oneMore = () => mine.Set("one-more", Json("1"));

        oneMore.Should().Throw<StateLimitException>().WithMessage("*key 'one-more'*at most 1,048,576 bytes on a site*");
        mine.Get("one-more").Should().BeNull();
        State.For("t2", "webhooks").Set("one-more", Json("1"));
        State.For("t2", "webhooks").Get("one-more")!.Value.GetInt32().Should().Be(1, "another site's plugin has a limit of its own");
        mine.Set("chunk/0", Json("1"));
        mine.Set("one-more", Json("1"));
        mine.Get("one-more").Should().NotBeNull("replacing a value frees what it took");
    }

    [Fact]
    public void A_key_must_be_short_and_not_empty()
    {
        var mine = State.For("t1", "webhooks");
        FluentActions.Invoking(() => mine.Set("", Json("1"))).Should().Throw<StateLimitException>().WithMessage("*a key must be 1 to 200 characters*");
        FluentActions.Invoking(() => mine.Set(new string('k', 201), Json("1"))).Should().Throw<StateLimitException>().WithMessage("*is 201*");
    }
}
