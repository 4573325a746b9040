using Engine.Core.Administration;

namespace Engine.Core.Tests.Rules;

public class PercentileTests
{
    [Fact]
    public void Median_and_90th_percentile_use_the_nearest_rank()
    {
        var hours = Enumerable.Range(1, 10).Select(i => (double)i).ToList();
        Responsiveness.Percentile(hours, 0.5).Should().Be(5);
        Responsiveness.Percentile(hours, 0.9).Should().Be(9);
        Responsiveness.Percentile([4.0], 0.9).Should().Be(4);
        Responsiveness.Percentile([], 0.5).Should().BeNull();
    }
}
