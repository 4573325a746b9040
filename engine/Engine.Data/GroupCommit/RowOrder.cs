namespace Engine.Data.GroupCommit;

/// <summary>
/// A <see cref="Statement.Order"/> by tenant and two ids (idea and member, or challenge and member). The tenant compares
/// ordinally: every node must sort alike whatever its culture, or two of them could take the same locks in crossed orders.
/// </summary>
public readonly record struct RowOrder(string Tenant, long First, long Second) : IComparable
{
    public int CompareTo(object? other)
    {
        if (other is not RowOrder that) throw new ArgumentException("row orders compare only with row orders.", nameof(other));
        var byTenant = string.CompareOrdinal(Tenant, that.Tenant);
        if (byTenant != 0) return byTenant;
        var byFirst = First.CompareTo(that.First);
        return byFirst != 0 ? byFirst : Second.CompareTo(that.Second);
    }
}
