namespace Engine.Core.Anonymity;

/// <summary>
/// The member behind each fully anonymous key of one tenant, worked out in memory only, to count people (a member who
/// posted fully anonymously and also took part otherwise is one person): the database never holds that link. Built once
/// from the members there are, by their keys (<see cref="IAuthorKeys.KeyFor"/>, which the engine caches anyway), and
/// extended with the members who join after (member ids only grow). Nothing of it is written anywhere.
/// At 1,000,000 members it holds 1,000,000 entries of a reference to the key the engine already keeps and a member id:
/// about 30 MB (up to twice that while the dictionary grows), and about a second of hashing to build.
/// </summary>
public sealed class KeyOwners(Func<long, string> keyFor)
{
    private readonly Dictionary<string, long> _owners = new(StringComparer.Ordinal);
    private (long Member, string Key)? _first;

    /// <summary>The highest member id already in; the members to add next are those above it.</summary>
    public long UpTo { get; private set; }

    /// <summary>
    /// Whether the keys held are still the tenant's: a tenant deleted and imported again with its own anonymity key gives
    /// its members other keys, and then these must be worked out again.
    /// </summary>
    public bool Current => _first is not { } first || keyFor(first.Member) == first.Key;

    /// <summary>Adds members above <see cref="UpTo"/> (others are in already).</summary>
    public void Add(IEnumerable<long> members)
    {
        foreach (var member in members)
        {
            if (member <= UpTo) continue;
            var key = keyFor(member);
            _first ??= (member, key);
            _owners[key] = member;
            UpTo = member;
        }
    }

    /// <summary>The member whose key this is, or null when no member known here has it (a deleted member's).</summary>
    public long? OwnerOf(string key) => _owners.TryGetValue(key, out var member) ? member : null;

    public int Count => _owners.Count;
}
