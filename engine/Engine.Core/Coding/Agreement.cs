namespace Engine.Core.Coding;

/// <summary>
/// How far two analysts agree on one code over the contributions both of them coded (the sample): each either applied
/// the code to a contribution or did not. <see cref="Kappa"/> is Cohen's kappa, (observed - expected) / (1 - expected),
/// where expected is the agreement two analysts applying the code as often as these two did would reach by chance.
/// 1 is full agreement, 0 no better than chance, below 0 worse than chance. It is null when chance alone would give full
/// agreement (both applied the code to all of the sample, or to none of it): the figure is then undefined.
/// </summary>
public sealed record CodeAgreement(Code Code, int Sample, int Both, int FirstOnly, int SecondOnly, int Neither)
{
    public double Observed => Sample == 0 ? 0 : (double)(Both + Neither) / Sample;

    public double Expected
    {
        get
        {
            if (Sample == 0) return 1;
            var first = (double)(Both + FirstOnly) / Sample;
            var second = (double)(Both + SecondOnly) / Sample;
            return first * second + (1 - first) * (1 - second);
        }
    }

    public double? Kappa => Sample == 0 || Expected >= 1 ? null : (Observed - Expected) / (1 - Expected);

    /// <summary>Landis and Koch's words for a kappa, which readers of coding studies expect.</summary>
    public string Reading => Kappa switch
    {
        null => "undefined",
        < 0 => "worse than chance",
        <= 0.20 => "slight",
        <= 0.40 => "fair",
        <= 0.60 => "moderate",
        <= 0.80 => "substantial",
        _ => "almost perfect",
    };
}

public static class Agreement
{
    /// <summary>
    /// Per code, the agreement of two analysts over <paramref name="sample"/>: the contributions both marked as coded.
    /// <paramref name="first"/> and <paramref name="second"/> are the codes each applied, by contribution.
    /// </summary>
    public static IReadOnlyList<CodeAgreement> PerCode(IReadOnlyList<Code> codes, IReadOnlyCollection<ContributionRef> sample,
        IReadOnlyDictionary<ContributionRef, IReadOnlySet<string>> first, IReadOnlyDictionary<ContributionRef, IReadOnlySet<string>> second)
    {
        var none = new HashSet<string>();
        return [.. codes.Select(code =>
        {
            int both = 0, firstOnly = 0, secondOnly = 0, neither = 0;
            foreach (var item in sample)
            {
                var a = (first.GetValueOrDefault(item) ?? none).Contains(code.Id);
                var b = (second.GetValueOrDefault(item) ?? none).Contains(code.Id);
                if (a && b) both++;
                else if (a) firstOnly++;
                else if (b) secondOnly++;
                else neither++;
            }
            return new CodeAgreement(code, sample.Count, both, firstOnly, secondOnly, neither);
        })];
    }
}
