using Engine.Data.GroupCommit;

namespace Engine.Data.Tests;

/// <summary>Every node sorts a group's locks alike, whatever its culture: tenant ids ordinally, then the ids as numbers.</summary>
public class RowOrderTests
{
    [Fact]
    public void Row_orders_sort_by_tenant_ordinally_then_by_each_id()
    {
        var orders = new[]
        {
            new RowOrder("north-east", 2, 1), new RowOrder("northeast", 1, 9), new RowOrder("North", 5, 5),
            new RowOrder("north-east", 1, 7), new RowOrder("north-east", 1, 3), new RowOrder("a", 10, 0),
        };
        var sorted = orders.Order().ToList();
        sorted.Should().Equal(
            new RowOrder("North", 5, 5), new RowOrder("a", 10, 0), new RowOrder("north-east", 1, 3),
            new RowOrder("north-east", 1, 7), new RowOrder("north-east", 2, 1), new RowOrder("northeast", 1, 9));
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("cy-GB");
            orders.Order().Should().Equal(sorted, "the order does not depend on the node's culture");
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }
}
