using Engine.Web.Site;
using Humanizer;

namespace Engine.Web.Tests;

public class ViewsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(21)]
    [InlineData(1234)]
    public void Counted_labels_read_exactly_as_humanizer_wrote_them(int count)
    {
        Views.Quantity(count, "comment", "comments").Should().Be("comment".ToQuantity(count));
        Views.Quantity(count, "idea", "ideas").Should().Be("idea".ToQuantity(count));
    }
}
