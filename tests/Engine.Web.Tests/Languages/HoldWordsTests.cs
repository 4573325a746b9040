using System.Globalization;
using Engine.Core.Moderation;
using Engine.Plugins.Loading;
using Engine.Sdk;
using Engine.Web.Languages;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Web.Tests.Languages;

/// <summary>
/// Why content was held, as a moderator reads it: a keyed reason in their language, the English stored beside it when its
/// catalogues are gone, and a reason a rule wrote as a sentence (a third-party plugin's) as written, marked English.
/// </summary>
public sealed class HoldWordsTests : IDisposable
{
    private static readonly CultureInfo Welsh = CultureInfo.GetCultureInfo("cy-GB"), English = CultureInfo.GetCultureInfo("en-GB");
    private readonly string _folder = Directory.CreateTempSubdirectory("hold-words").FullName;
    private readonly HoldWords _words;

    public HoldWordsTests() => _words = new HoldWords(new PluginCatalog(_folder, TimeSpan.FromSeconds(1), NullLogger<PluginCatalog>.Instance));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static QueueItem Held(string reason, HoldText? text) =>
        new(ContributionKind.Idea, 1, 1, "Title", "Body", ModerationState.Held, reason, 0, DateTimeOffset.UnixEpoch, []) { HoldText = text };

    [Fact]
    public void A_reason_written_as_a_sentence_is_shown_as_written_marked_english() =>
        _words.Of(Held("The classifier thinks this may be toxic", null), Welsh).Should().Be(new WordedReason("The classifier thinks this may be toxic", "en"));

    [Fact]
    public void The_engines_own_keyed_reason_is_worded_in_the_readers_language()
    {
        var text = HoldText.Engine("admin.moderation.rule-failed", "spam-check");
        _words.Of(Held("The moderation rule 'spam-check' could not check this contribution.", text), Welsh)
            .Should().Be(new WordedReason("Ni allai'r rheol gymedroli 'spam-check' wirio'r cyfraniad hwn.", null));
        _words.Of(Held("stored", text), English)
            .Should().Be(new WordedReason("The moderation rule 'spam-check' could not check this contribution.", null));
    }

    [Fact]
    public void A_plugins_keyed_reason_whose_plugin_is_no_longer_loaded_reads_the_english_stored_beside_it() =>
        _words.Of(Held("Has 3 links; this site holds posts with more than 2 for a moderator", new HoldText("link-limit", "held-links", [3L, 2L])), Welsh)
            .Should().Be(new WordedReason("Has 3 links; this site holds posts with more than 2 for a moderator", "en"));

    [Fact]
    public void Content_a_moderator_hid_has_no_rules_reason_to_word()
    {
        var hidden = Held("Off topic", HoldText.Engine("admin.moderation.rule-failed", "x")) with { State = ModerationState.Hidden };
        _words.Of(hidden, Welsh).Should().BeNull();
    }

    [Fact]
    public void A_keyed_reason_is_stored_and_read_back_with_its_plugin_key_and_values_numbers_still_numbers()
    {
        var text = new HoldText("word-list", "listed-word", ["rubbish", 3]);
        var read = HoldText.FromJson(text.ToJson())!;
        (read.PluginId, read.Key).Should().Be(("word-list", "listed-word"));
        read.Values.Should().Equal("rubbish", 3L);
        HoldText.FromJson(null).Should().BeNull();
        HoldText.FromJson("not json").Should().BeNull();
    }
}
