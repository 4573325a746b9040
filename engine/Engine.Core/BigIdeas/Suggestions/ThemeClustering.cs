namespace Engine.Core.BigIdeas.Suggestions;

/// <summary>One idea's words to cluster: its title and body, and the text of its comments.</summary>
public sealed record ThemeText(long IdeaId, string Text, string? Language);

/// <summary>
/// <see cref="K"/>: how many suggestions to make; null chooses it (see <see cref="ThemeClustering"/>).
/// The same texts with the same <see cref="Seed"/> give the same suggestions.
/// </summary>
public sealed record ClusteringOptions(int Seed = 21, int? K = null, int MaxK = 12, int SampleSize = 800, int MaxIterations = 40, int TopTerms = 6, int Restarts = 4);

/// <summary>A group of ideas that use the same words: its most telling words, and its ideas, the most typical first.</summary>
public sealed record TextCluster(IReadOnlyList<string> TopTerms, IReadOnlyList<long> IdeaIds);

/// <summary>The step a suggestion run is on, in the order they come.</summary>
public enum SuggestionPhase { Waiting, Reading, Counting, ChoosingK, Grouping, Saving }

/// <summary>Where a run is: its step, and how far through the whole run (0 to 1).</summary>
public readonly record struct SuggestionProgress(SuggestionPhase Phase, double Done);

/// <summary>What a clustering found, and the figures the page shows to explain it.</summary>
public sealed record ClusteringResult(IReadOnlyList<TextCluster> Clusters, int K, double Silhouette, int Texts, int Vocabulary);

/// <summary>
/// Groups texts by their words, in plain C# so it runs anywhere, offline, and can be checked line by line:
/// <list type="number">
/// <item>Words: letters and digits, lower case (<see cref="ThemeWords"/>: common words left out, English plurals
/// folded, Welsh mutations undone), kept when at least two texts use them and at most half do.</item>
/// <item>TF-IDF: each text is a vector of its words, a word counting more the more the text uses it (1 + log count)
/// and the fewer texts use it (log (1 + n) / (1 + texts with it) + 1), scaled to length 1.</item>
/// <item>k-means on those vectors by cosine similarity (spherical k-means), its first centres picked by k-means++
/// from a random generator seeded with <see cref="ClusteringOptions.Seed"/>, so a run can be repeated exactly; started
/// <see cref="ClusteringOptions.Restarts"/> times, keeping the grouping whose texts are closest to their centres.</item>
/// <item>k: for 2 up to <see cref="ClusteringOptions.MaxK"/> (and at most the square root of half the texts), k-means
/// on a seeded sample of texts, keeping the k whose clusters are best separated (the highest mean silhouette); that
/// grouping's centres then start the one k-means run over every text.</item>
/// </list>
/// Single-threaded on purpose: it runs in the background while the site serves, and must leave it a core (its caller runs it
/// at the lowest priority, <see cref="Common.BackgroundThread"/>).
/// </summary>
public static class ThemeClustering
{
    // How many texts the loops over every text handle between looks at the pace: tens of microseconds of work.
    private const int StepEvery = 128;

    public static ClusteringResult Cluster(IReadOnlyList<ThemeText> texts, ClusteringOptions options, IProgress<SuggestionProgress>? progress = null, CancellationToken ct = default)
    {
        var counts = new ThemeCounts();
        for (var i = 0; i < texts.Count; i++)
        {
            if (i % 2048 == 0) { ct.ThrowIfCancellationRequested(); progress?.Report(new(SuggestionPhase.Counting, 0.3 * i / texts.Count)); }
            counts.Add(texts[i]);
        }
        return Cluster(counts, options, progress, ct);
    }

    /// <summary>Clusters texts already counted (<see cref="ThemeCounts"/>), so a caller can count them as it reads them and keep none.</summary>
    /// <param name="pace">Pauses the work while the site is busy (<see cref="Common.BackgroundPace"/>); none by default.</param>
    public static ClusteringResult Cluster(ThemeCounts counts, ClusteringOptions options, IProgress<SuggestionProgress>? progress = null, CancellationToken ct = default,
        Common.BackgroundPace? pace = null)
    {
        pace ??= Common.BackgroundPacing.Unpaced.Start(ct);
        var (vocabulary, vectors, ideaIds) = Vectors(counts, pace);
        progress?.Report(new(SuggestionPhase.ChoosingK, 0.35));
        if (vectors.Length == 0) return new ClusteringResult([], 0, 0, counts.Texts, 0);

        var random = new Random(options.Seed);
        int[] assigned;
        float[][] centres;
        int k;
        double silhouette;
        if (options.K is { } given)
        {
            (k, silhouette) = (Math.Min(given, vectors.Length), double.NaN);
            (assigned, centres) = KMeans(vectors, vocabulary.Length, k, options, random, done => progress?.Report(new(SuggestionPhase.Grouping, 0.5 + 0.45 * done)), ct, pace);
        }
        else
        {
            // The sample's best centres start the run on every text: one run, not one per restart, is what scales.
            (k, silhouette, var start) = ChooseK(vectors, vocabulary.Length, options, random, done => progress?.Report(new(SuggestionPhase.ChoosingK, 0.35 + 0.15 * done)), ct, pace);
            progress?.Report(new(SuggestionPhase.Grouping, 0.5));
            (assigned, centres) = OneKMeans(vectors, vocabulary.Length, k, options.MaxIterations, random,
                iteration => progress?.Report(new(SuggestionPhase.Grouping, 0.5 + 0.45 * iteration / options.MaxIterations)), ct, pace, start);
        }

        var clusters = new List<TextCluster>();
        for (var c = 0; c < k; c++)
        {
            pace.Step();
            var members = Enumerable.Range(0, vectors.Length).Where(i => assigned[i] == c)
                .OrderByDescending(i => Dot(vectors[i], centres[c])).ThenBy(i => ideaIds[i]).Select(i => ideaIds[i]).ToList();
            if (members.Count == 0) continue;
            var top = Enumerable.Range(0, vocabulary.Length).Where(t => centres[c][t] > 0)
                .OrderByDescending(t => centres[c][t]).ThenBy(t => t).Take(options.TopTerms).Select(t => counts.Words.Shown(vocabulary[t])).ToList();
            clusters.Add(new TextCluster(top, members));
        }
        progress?.Report(new(SuggestionPhase.Grouping, 1));
        return new ClusteringResult(clusters.OrderByDescending(c => c.IdeaIds.Count).ThenBy(c => c.IdeaIds[0]).ToList(), k, silhouette, counts.Texts, vocabulary.Length);
    }

    /// <summary>The share of texts in a cluster whose known topic is that cluster's commonest: 1 when every cluster holds one topic.</summary>
    public static double Purity(IReadOnlyList<TextCluster> clusters, IReadOnlyDictionary<long, string> topicOf)
    {
        var total = clusters.Sum(c => c.IdeaIds.Count);
        if (total == 0) return 0;
        var pure = clusters.Sum(c => c.IdeaIds.GroupBy(id => topicOf[id]).Max(g => g.Count()));
        return (double)pure / total;
    }

    /// <summary>
    /// A text's weights by word number, the numbers ascending, scaled to length 1: a slice of arrays every text shares, so a
    /// large challenge's vectors are two arrays of numbers (nothing for the garbage collector to trace) and this list of slices.
    /// </summary>
    private readonly struct Vector(int[] terms, float[] weights, int start, int length)
    {
        public ReadOnlySpan<int> Terms => new(terms, start, length);
        public ReadOnlySpan<float> Weights => new(weights, start, length);
    }

    private static (string[] Vocabulary, Vector[] Vectors, long[] IdeaIds) Vectors(ThemeCounts counts, Common.BackgroundPace pace)
    {
        var texts = counts.Counted;
        // A word in one text alone joins it to nothing; a word in most texts tells them apart from nothing.
        var minimum = texts >= 20 ? 2 : 1;
        var maximum = texts >= 10 ? texts / 2 : texts;
        var words = counts.Words;
        var kept = Enumerable.Range(0, words.Terms).Where(t => counts.DocumentFrequency(t) >= minimum && counts.DocumentFrequency(t) <= maximum)
            .OrderBy(words.Term, StringComparer.Ordinal).ToArray();
        var vocabulary = kept.Select(words.Term).ToArray();
        var number = new int[words.Terms];
        Array.Fill(number, -1);
        for (var t = 0; t < kept.Length; t++) number[kept[t]] = t;
        var idf = kept.Select(t => (float)(Math.Log((1.0 + texts) / (1.0 + counts.DocumentFrequency(t))) + 1)).ToArray();

        var allTerms = new int[counts.Entries];
        var allWeights = new float[counts.Entries];
        var vectors = new List<Vector>(texts);
        var ideaIds = new List<long>(texts);
        var used = 0;
        for (var i = 0; i < texts; i++)
        {
            if (i % StepEvery == 0) pace.Step();
            var terms = counts.Terms(i);
            var uses = counts.Uses(i);
            var start = used;
            for (var j = 0; j < terms.Length; j++)
            {
                if (number[terms[j]] < 0) continue;
                allTerms[used] = number[terms[j]];
                allWeights[used] = uses[j];
                used++;
            }
            if (used == start) continue;
            var termsOfText = allTerms.AsSpan(start, used - start);
            var weights = allWeights.AsSpan(start, used - start);
            // The weights hold the counts until here, sorted along with their terms.
            termsOfText.Sort(weights);
            double squares = 0;
            for (var t = 0; t < weights.Length; t++)
            {
                weights[t] = (float)(1 + Math.Log(weights[t])) * idf[termsOfText[t]];
                squares += weights[t] * weights[t];
            }
            var length = MathF.Sqrt((float)squares);
            for (var t = 0; t < weights.Length; t++) weights[t] /= length;
            vectors.Add(new Vector(allTerms, allWeights, start, weights.Length));
            ideaIds.Add(counts.IdeaId(i));
        }
        return (vocabulary, vectors.ToArray(), ideaIds.ToArray());
    }

    private static (int K, double Silhouette, float[][]? Centres) ChooseK(Vector[] vectors, int dimensions, ClusteringOptions options, Random random, Action<double> tried,
        CancellationToken ct, Common.BackgroundPace pace)
    {
        var ceiling = Math.Min(options.MaxK, (int)Math.Sqrt(vectors.Length / 2.0));
        if (ceiling < 2) return (1, double.NaN, null);
        var sample = Enumerable.Range(0, vectors.Length).ToArray();
        random.Shuffle(sample);
        var chosen = sample.Take(Math.Min(options.SampleSize, sample.Length)).Order().Select(i => vectors[i]).ToArray();
        var distance = new float[chosen.Length, chosen.Length];
        for (var i = 0; i < chosen.Length; i++)
        {
            pace.Step();
            for (var j = i + 1; j < chosen.Length; j++)
                distance[i, j] = distance[j, i] = 1 - SparseDot(chosen[i], chosen[j]);
        }
        var best = (K: 1, Silhouette: double.NegativeInfinity, Centres: (float[][]?)null);
        for (var k = 2; k <= ceiling; k++)
        {
            ct.ThrowIfCancellationRequested();
            var (assigned, centres) = KMeans(chosen, dimensions, k, options, random, _ => { }, ct, pace);
            var score = Silhouette(distance, assigned, k, pace);
            if (score > best.Silhouette) best = (k, score, centres);
            tried((k - 1.0) / (ceiling - 1));
        }
        return best;
    }

    /// <summary>The mean over texts of (b - a) / max(a, b): a, the mean distance to its own cluster; b, to the nearest other.</summary>
    private static double Silhouette(float[,] distance, int[] assigned, int k, Common.BackgroundPace pace)
    {
        var n = assigned.Length;
        var sizes = new int[k];
        foreach (var c in assigned) sizes[c]++;
        double total = 0;
        var sums = new double[k];
        for (var i = 0; i < n; i++)
        {
            pace.Step();
            Array.Clear(sums);
            for (var j = 0; j < n; j++) if (j != i) sums[assigned[j]] += distance[i, j];
            var own = assigned[i];
            if (sizes[own] <= 1) continue;
            var a = sums[own] / (sizes[own] - 1);
            var b = double.PositiveInfinity;
            for (var c = 0; c < k; c++) if (c != own && sizes[c] > 0) b = Math.Min(b, sums[c] / sizes[c]);
            if (double.IsPositiveInfinity(b)) continue;
            total += (b - a) / Math.Max(Math.Max(a, b), 1e-9);
        }
        return total / n;
    }

    private static (int[] Assigned, float[][] Centres) KMeans(Vector[] vectors, int dimensions, int k, ClusteringOptions options, Random random, Action<double> iterated, CancellationToken ct,
        Common.BackgroundPace pace)
    {
        (int[] Assigned, float[][] Centres, double Closeness) best = default;
        for (var start = 0; start < Math.Max(1, options.Restarts); start++)
        {
            var (assigned, centres) = OneKMeans(vectors, dimensions, k, options.MaxIterations, random,
                iteration => iterated((start + (double)iteration / options.MaxIterations) / Math.Max(1, options.Restarts)), ct, pace);
            double closeness = 0;
            for (var i = 0; i < vectors.Length; i++) closeness += Dot(vectors[i], centres[assigned[i]]);
            if (best.Assigned is null || closeness > best.Closeness) best = (assigned, centres, closeness);
        }
        return (best.Assigned!, best.Centres!);
    }

    private static (int[] Assigned, float[][] Centres) OneKMeans(Vector[] vectors, int dimensions, int k, int maxIterations, Random random, Action<int> iterated,
        CancellationToken ct, Common.BackgroundPace pace, float[][]? start = null)
    {
        var centres = start ?? SeedCentres(vectors, dimensions, k, random, pace);
        var assigned = new int[vectors.Length];
        Array.Fill(assigned, -1);
        for (var iteration = 1; iteration <= maxIterations; iteration++)
        {
            ct.ThrowIfCancellationRequested();
            var moved = 0;
            for (var i = 0; i < vectors.Length; i++)
            {
                if (i % StepEvery == 0) pace.Step();
                var nearest = Nearest(vectors[i], centres);
                if (nearest != assigned[i]) { assigned[i] = nearest; moved++; }
            }
            iterated(iteration);
            if (moved == 0) break;
            foreach (var centre in centres) Array.Clear(centre);
            for (var i = 0; i < vectors.Length; i++)
            {
                if (i % StepEvery == 0) pace.Step();
                var centre = centres[assigned[i]];
                ReadOnlySpan<int> terms = vectors[i].Terms;
                var weights = vectors[i].Weights;
                for (var t = 0; t < terms.Length; t++) centre[terms[t]] += weights[t];
            }
            foreach (var centre in centres) Normalise(centre);
        }
        return (assigned, centres);
    }

    /// <summary>k-means++: each next centre is a text picked with probability growing with its distance from the centres so far.</summary>
    private static float[][] SeedCentres(Vector[] vectors, int dimensions, int k, Random random, Common.BackgroundPace pace)
    {
        var centres = new float[k][];
        var first = vectors[random.Next(vectors.Length)];
        centres[0] = Dense(first, dimensions);
        var nearest = vectors.Select(v => Math.Max(0, 1 - SparseDot(v, first))).ToArray();
        for (var c = 1; c < k; c++)
        {
            var weights = nearest.Select(d => (double)d * d).ToArray();
            var total = weights.Sum();
            var pick = 0;
            if (total > 0)
            {
                var target = random.NextDouble() * total;
                for (double running = 0; pick < weights.Length - 1; pick++)
                {
                    running += weights[pick];
                    if (running >= target) break;
                }
            }
            else pick = random.Next(vectors.Length);
            centres[c] = Dense(vectors[pick], dimensions);
            for (var i = 0; i < vectors.Length; i++)
            {
                if (i % StepEvery == 0) pace.Step();
                nearest[i] = Math.Min(nearest[i], Math.Max(0, 1 - SparseDot(vectors[i], vectors[pick])));
            }
        }
        return centres;
    }

    private static int Nearest(Vector v, float[][] centres)
    {
        var best = 0;
        var bestScore = float.NegativeInfinity;
        for (var c = 0; c < centres.Length; c++)
        {
            var score = Dot(v, centres[c]);
            if (score > bestScore) { best = c; bestScore = score; }
        }
        return best;
    }

    private static float Dot(Vector v, float[] centre)
    {
        ReadOnlySpan<int> terms = v.Terms;
        var weights = v.Weights;
        var sum = 0f;
        for (var t = 0; t < terms.Length; t++) sum += weights[t] * centre[terms[t]];
        return sum;
    }

    private static float SparseDot(Vector a, Vector b)
    {
        ReadOnlySpan<int> aTerms = a.Terms, bTerms = b.Terms;
        ReadOnlySpan<float> aWeights = a.Weights, bWeights = b.Weights;
        float sum = 0;
        for (int i = 0, j = 0; i < aTerms.Length && j < bTerms.Length;)
        {
            if (aTerms[i] == bTerms[j]) sum += aWeights[i++] * bWeights[j++];
            else if (aTerms[i] < bTerms[j]) i++;
            else j++;
        }
        return sum;
    }

    private static float[] Dense(Vector v, int dimensions)
    {
        var dense = new float[dimensions];
        ReadOnlySpan<int> terms = v.Terms;
        var weights = v.Weights;
        for (var t = 0; t < terms.Length; t++) dense[terms[t]] = weights[t];
        return dense;
    }

    private static void Normalise(float[] centre)
    {
        var length = MathF.Sqrt(centre.Sum(w => w * w));
        if (length == 0) return;
        for (var i = 0; i < centre.Length; i++) centre[i] /= length;
    }
}
