using Engine.Core.Coding;
using Engine.Core.Stats;

namespace Engine.Core.Tests.Coding;

public class AgreementTests
{
    private static readonly Code Access = new("access", "Access to care", 1);
    private static readonly Code Staff = new("staff", "Staffing", 2);

    /// <summary>
    /// Two analysts with the cells of a 2x2 table: both applied the code, only the first, only the second, neither. Each
    /// contribution is an idea numbered from 1; <paramref name="code"/> is the only code either may apply.
    /// </summary>
    private static CodeAgreement Agree(Code code, int both, int firstOnly, int secondOnly, int neither)
    {
        var first = new Dictionary<ContributionRef, IReadOnlySet<string>>();
        var second = new Dictionary<ContributionRef, IReadOnlySet<string>>();
        var n = 0;
        void Add(int count, bool a, bool b)
        {
            for (var i = 0; i < count; i++)
            {
                var item = new ContributionRef(ContributionKind.Idea, ++n);
                first[item] = a ? new HashSet<string> { code.Id } : new HashSet<string>();
                second[item] = b ? new HashSet<string> { code.Id } : new HashSet<string>();
            }
        }
        Add(both, true, true);
        Add(firstOnly, true, false);
        Add(secondOnly, false, true);
        Add(neither, false, false);
        return Agreement.PerCode([code], first.Keys.ToList(), first, second).Single();
    }

    [Fact]
    public void The_worked_example_of_fifty_contributions_gives_a_kappa_of_0_4()
    {
        // The textbook example (Wikipedia, "Cohen's kappa"): of 50, both said yes to 20 and no to 15; the first alone said
        // yes to 5, the second alone to 10. Observed agreement 35/50 = 0.7; the first says yes half the time, the second
        // 60%, so chance agrees 0.5 x 0.6 + 0.5 x 0.4 = 0.5 of the time; kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4.
        var agreement = Agree(Access, both: 20, firstOnly: 5, secondOnly: 10, neither: 15);
        agreement.Sample.Should().Be(50);
        agreement.Observed.Should().BeApproximately(0.7, 1e-12);
        agreement.Expected.Should().BeApproximately(0.5, 1e-12);
        agreement.Kappa.Should().BeApproximately(0.4, 1e-12);
        agreement.Reading.Should().Be("fair");
    }

    [Fact]
    public void Full_agreement_is_1_and_agreeing_less_than_chance_is_below_0()
    {
        Agree(Access, both: 7, firstOnly: 0, secondOnly: 0, neither: 3).Kappa.Should().Be(1);
        var opposite = Agree(Access, both: 0, firstOnly: 5, secondOnly: 5, neither: 0);
        opposite.Kappa.Should().BeApproximately(-1, 1e-12, "they disagree on every one, where chance would agree half the time");
        opposite.Reading.Should().Be("worse than chance");
    }

    [Fact]
    public void Kappa_is_undefined_when_chance_alone_would_agree_on_everything()
    {
        var unused = Agree(Access, both: 0, firstOnly: 0, secondOnly: 0, neither: 12);
        unused.Observed.Should().Be(1);
        unused.Kappa.Should().BeNull("neither analyst applied the code, so there is nothing to agree beyond chance");
        unused.Reading.Should().Be("undefined");
        Agree(Access, 0, 0, 0, 0).Kappa.Should().BeNull("an empty sample has no agreement");
    }

    [Fact]
    public void Each_code_is_figured_on_its_own_over_the_same_sample_and_a_missing_coding_counts_as_no_code()
    {
        var one = new ContributionRef(ContributionKind.Idea, 1);
        var two = new ContributionRef(ContributionKind.Comment, 1);
        var first = new Dictionary<ContributionRef, IReadOnlySet<string>> { [one] = new HashSet<string> { "access", "staff" }, [two] = new HashSet<string>() };
        var second = new Dictionary<ContributionRef, IReadOnlySet<string>> { [one] = new HashSet<string> { "access" } };
        var result = Agreement.PerCode([Access, Staff], [one, two], first, second);
        result.Select(r => (r.Code.Id, r.Both, r.FirstOnly, r.SecondOnly, r.Neither))
            .Should().Equal(("access", 1, 0, 0, 1), ("staff", 0, 1, 0, 1));
        result[0].Kappa.Should().Be(1);
    }
}

public class CodeCountsTests
{
    [Fact]
    public void Codes_are_counted_per_week_from_monday_in_the_sites_time_zone_with_empty_weeks_between_and_removed_codes_left_out()
    {
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        Code[] codes = [new("access", "Access", 1), new("staff", "Staffing", 2)];
        CodeUse Use(string code, long id, string at) => new(code, new ContributionRef(ContributionKind.Idea, id), DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));
        var weeks = CodeCounts.PerWeek(
        [
            // Sunday 23:30 UTC in summer is Monday 00:30 in London: the next week.
            Use("access", 1, "2026-06-07T23:30:00Z"),
            Use("staff", 1, "2026-06-07T23:30:00Z"),
            Use("access", 2, "2026-06-07T12:00:00Z"),
            Use("access", 3, "2026-06-24T09:00:00Z"),
            Use("removed", 4, "2026-06-24T09:00:00Z"),
        ], codes, london);
        weeks.Select(w => (w.WeekOf, string.Join(",", w.Counts))).Should().Equal(
            (new DateOnly(2026, 6, 1), "1,0"), (new DateOnly(2026, 6, 8), "1,1"), (new DateOnly(2026, 6, 15), "0,0"), (new DateOnly(2026, 6, 22), "1,0"));
        CodeCounts.PerWeek([Use("removed", 4, "2026-06-24T09:00:00Z")], codes, london).Should().BeEmpty();
    }
}
