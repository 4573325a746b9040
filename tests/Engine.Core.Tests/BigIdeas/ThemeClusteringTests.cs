using Engine.Core.BigIdeas.Suggestions;
using Engine.Core.Common;

namespace Engine.Core.Tests.BigIdeas;

public class ThemeClusteringTests
{
    // Three topics as people write them: different words for the same thing, and everyday words shared by all.
    private static readonly (string Topic, string Text)[] Ideas =
    [
        ("parking", "Cheaper parking at the hospital car park for visitors"),
        ("parking", "More parking spaces near outpatients, the car park is always full"),
        ("parking", "Free car parking for carers who visit every day"),
        ("parking", "Parking permits for staff so visitors can find a space in the car park"),
        ("parking", "A park and ride bus from town so the hospital car park is not full"),
        ("parking", "Show free parking spaces on a sign at the car park entrance"),
        ("parking", "Blue badge parking spaces closer to the main entrance"),
        ("parking", "Pay for parking when you leave, not before your appointment"),
        ("waiting", "Text patients their place on the waiting list"),
        ("waiting", "Tell people how long the waiting list is for their operation"),
        ("waiting", "A waiting list app with the expected wait in weeks"),
        ("waiting", "Call patients who have waited longest on the list first"),
        ("waiting", "Send a letter every month while you are on the waiting list"),
        ("waiting", "Let patients on the waiting list take a cancelled operation slot"),
        ("waiting", "Check in with people waiting for surgery so the wait feels shorter"),
        ("waiting", "Publish waiting times for each operation online"),
        ("food", "Hot meals for patients at weekends, not sandwiches"),
        ("food", "Healthier food in the canteen and fresh fruit on wards"),
        ("food", "Let patients choose their meals the day before"),
        ("food", "Vegetarian and halal meals on every ward menu"),
        ("food", "Staff canteen open at night with hot food for night shifts"),
        ("food", "Water and fruit within reach of patients between meals"),
        ("food", "Menus with pictures so patients can choose food easily"),
        ("food", "Ward kitchens that cook fresh meals instead of reheated food"),
    ];

    private static IReadOnlyList<ThemeText> Texts() => Ideas.Select((idea, i) => new ThemeText(i + 1, idea.Text, "en-GB")).ToList();

    [Theory]
    [InlineData(21)]
    [InlineData(7)]
    [InlineData(1234)]
    public void Suggestions_recover_known_topics_with_a_purity_of_at_least_0_8(int seed)
    {
        var topicOf = Ideas.Select((idea, i) => (Id: (long)(i + 1), idea.Topic)).ToDictionary(x => x.Id, x => x.Topic);

        var result = ThemeClustering.Cluster(Texts(), new ClusteringOptions(Seed: seed));

        result.K.Should().Be(3, "the silhouette tells three topics apart best");
        result.Clusters.Sum(c => c.IdeaIds.Count).Should().Be(Ideas.Length, "every idea with telling words is in one suggestion");
        ThemeClustering.Purity(result.Clusters, topicOf).Should().BeGreaterThanOrEqualTo(0.8);
        result.Clusters.Select(c => c.TopTerms.Take(3)).Should().Contain(terms => terms.Contains("parking"))
            .And.Contain(terms => terms.Contains("waiting"))
            .And.Contain(terms => terms.Contains("meals") || terms.Contains("food"));
    }

    [Fact]
    public void The_same_texts_and_seed_give_the_same_suggestions()
    {
        var first = ThemeClustering.Cluster(Texts(), new ClusteringOptions(Seed: 7));
        var second = ThemeClustering.Cluster(Texts().Reverse().Reverse().ToList(), new ClusteringOptions(Seed: 7));
        second.Should().BeEquivalentTo(first, o => o.WithStrictOrdering());
        first.Clusters.Should().NotBeEmpty();
    }

    [Fact]
    public void Pausing_for_a_busy_site_changes_nothing_the_clustering_finds()
    {
        var unpaced = ThemeClustering.Cluster(Texts(), new ClusteringOptions(Seed: 7));
        var counts = new ThemeCounts();
        foreach (var text in Texts()) counts.Add(text);
        // A slice of one tick: the pace looks at the site, and pauses, at nearly every step.
        var pace = new BackgroundPacing(new BackgroundPaceOptions { Slice = TimeSpan.FromTicks(1), BusyShare = 0.999 }, () => true, TimeProvider.System).Start();

        var paced = ThemeClustering.Cluster(counts, new ClusteringOptions(Seed: 7), pace: pace);

        pace.Pauses.Should().BeGreaterThan(10);
        paced.Should().BeEquivalentTo(unpaced, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Welsh_mutations_and_English_plurals_count_as_one_word_shown_as_most_often_written()
    {
        var words = new ThemeWords();
        words.Count("pen, ei ben, fy mhen, ei phen", "cy-GB").Should().Equal(new Dictionary<string, int> { ["pen"] = 4 });
        words.Count("clinic clinics the and", "en-GB").Should().Equal(new Dictionary<string, int> { ["clinic"] = 2 });
        words.Count("clinics clinics", "en-GB");
        words.Shown("clinic").Should().Be("clinics");
    }

    [Fact]
    public void Texts_without_telling_words_make_no_suggestions()
    {
        var result = ThemeClustering.Cluster([new ThemeText(1, "the and of", null), new ThemeText(2, "", null)], new ClusteringOptions());
        result.Clusters.Should().BeEmpty();
        result.Texts.Should().Be(2);
    }
}
