using System.Diagnostics;
using System.Globalization;
using Engine.Core.BigIdeas.Suggestions;

namespace Engine.Bench;

/// <summary>
/// Theme suggestions at national scale (issue 21): contributions generated from known topics (each mostly its topic's
/// words, partly words every topic shares), clustered as the engine does, then how well the suggestions recover the
/// topics (purity, at least 0.8), how long it took (under 60 s for 200,000) and the process's peak memory (under 2 GB).
/// </summary>
public static class ThemeClusteringBench
{
    public const int Topics = 10;

    public static int Run(int contributions, string? outputFolder, Action<string> log)
    {
        var (texts, topicOf) = Generate(contributions, seed: 5);
        log($"Clustering {contributions:N0} generated contributions from {Topics} known topics...");
        var clock = Stopwatch.StartNew();
        var result = ThemeClustering.Cluster(texts, new ClusteringOptions(Seed: 21));
        clock.Stop();
        var purity = ThemeClustering.Purity(result.Clusters, topicOf);
        using var process = Process.GetCurrentProcess();
        var peakMb = process.PeakWorkingSet64 / (1024.0 * 1024);
        var holds = purity >= 0.8 && clock.Elapsed.TotalSeconds < 60 && peakMb < 2048;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"| {contributions:N0} | {Topics} | {result.K} | {purity:0.000} | {clock.Elapsed.TotalSeconds:0.0} s | {peakMb:N0} MB | {(holds ? "holds" : "does NOT hold")} |");
        var table = string.Join('\n',
            "# Theme suggestions (issue 21)",
            "",
            "Purity at least 0.8; 200,000 contributions in under 60 s with under 2 GB (peak working set of the whole process, generated text included).",
            contributions < 200_000 ? "\nA small-size check, not the figure: run `dotnet run -c Release --project bench/Engine.Bench -- themes 200000` on a quiet machine." : "",
            "",
            "| contributions | known topics | k chosen | purity | time | peak memory | |",
            "|---|---|---|---|---|---|---|",
            line, "");
        log(table);
        if (outputFolder is not null) File.WriteAllText(Path.Combine(outputFolder, "themes.md"), table);
        return holds ? 0 : 1;
    }

    /// <summary>Each topic has its own 40 words; every contribution takes 8 to 30 words, two in three from its topic.</summary>
    public static (IReadOnlyList<ThemeText> Texts, IReadOnlyDictionary<long, string> TopicOf) Generate(int count, int seed)
    {
        var random = new Random(seed);
        var shared = Enumerable.Range(0, 400).Select(i => Word(random, i)).ToArray();
        var topics = Enumerable.Range(0, Topics).Select(t => Enumerable.Range(0, 40).Select(i => Word(random, 1000 + t * 100 + i)).ToArray()).ToArray();
        var texts = new List<ThemeText>(count);
        var topicOf = new Dictionary<long, string>(count);
        var words = new List<string>(30);
        for (var id = 1; id <= count; id++)
        {
            var topic = random.Next(Topics);
            words.Clear();
            for (var n = random.Next(8, 31); n > 0; n--)
                words.Add(random.Next(3) < 2 ? topics[topic][random.Next(40)] : shared[random.Next(shared.Length)]);
            texts.Add(new ThemeText(id, string.Join(' ', words), "en-GB"));
            topicOf[id] = $"topic {topic}";
        }
        return (texts, topicOf);
    }

    // Made-up words (letters only, never an English stop word), distinct by their number.
    private static string Word(Random random, int number)
    {
        const string letters = "bcdfghjklmnprstvwz", vowels = "aeiou";
        var word = new char[6];
        for (var i = 0; i < word.Length; i++) word[i] = i % 2 == 0 ? letters[random.Next(letters.Length)] : vowels[random.Next(vowels.Length)];
        return new string(word) + number.ToString("x", CultureInfo.InvariantCulture).Replace("0", "q").Replace("1", "x").Replace("2", "y")
            .Replace("3", "j").Replace("4", "k").Replace("5", "l").Replace("6", "m").Replace("7", "n").Replace("8", "o").Replace("9", "u");
    }
}
