using System.Text.RegularExpressions;

namespace Engine.Core.Coding;

/// <summary>
/// One code of a site's code frame: a tag analysts apply to ideas and comments. <see cref="Id"/> never changes once made,
/// so renaming a code keeps what was coded with it; <see cref="Key"/> (1 to 9) is the number key that toggles it on the
/// coding page, and orders the frame.
/// </summary>
public sealed record Code(string Id, string Name, int? Key = null, string? Description = null, string? Group = null);

/// <summary>
/// tenant.json "coding": the site's code frame, and whether codes are shown on idea pages (off unless the site says so).
/// An admin's frame, saved from the admin pages, replaces this one whole.
/// </summary>
public sealed partial record TenantCoding
{
    public const int MostCodes = 60, NameMax = 60, DescriptionMax = 300, GroupMax = 60;

    /// <summary>True: the codes applied to an idea are listed on its public page.</summary>
    public bool Public { get; init; }
    public IReadOnlyList<Code> Codes { get; init; } = [];

    /// <summary>The codes in the order people see them: by number key, then those without one by name.</summary>
    public IReadOnlyList<Code> Ordered => [.. Codes.OrderBy(c => c.Key ?? int.MaxValue).ThenBy(c => c.Name, StringComparer.CurrentCulture)];

    public Code? Find(string? id) => Codes.FirstOrDefault(c => c.Id == id);

    /// <summary>
    /// The first thing wrong with the frame, as the path of the field at fault (codes[2].key) and a message; null when sound.
    /// <c>Key</c> words the message on an admin page (<c>{1}</c> is the path, then <c>Values</c>), as <see cref="Common.Error.Keyed"/>.
    /// </summary>
    public (string Path, string Message, string Key, object[] Values)? Check()
    {
        if (Codes.Count > MostCodes) return ("codes", $"has {Codes.Count} codes; a frame can have at most {MostCodes}.", "admin.code-frame.too-many", [Codes.Count, MostCodes]);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var keys = new HashSet<int>();
        for (var i = 0; i < Codes.Count; i++)
        {
            var c = Codes[i];
            if (c.Id is null || !Slug().IsMatch(c.Id)) return ($"codes[{i}].id", "use lower-case letters, digits and hyphens only, such as 'waiting-times'.", "admin.code-frame.id-format", []);
            if (!ids.Add(c.Id)) return ($"codes[{i}].id", $"'{c.Id}' is used twice.", "admin.code-frame.used-twice", [c.Id]);
            if (string.IsNullOrWhiteSpace(c.Name)) return ($"codes[{i}].name", "is required.", "admin.code-frame.name-required", []);
            if (c.Name.Trim().Length > NameMax) return ($"codes[{i}].name", $"must be {NameMax} characters or fewer.", "admin.code-frame.too-long", [NameMax]);
            if (!names.Add(c.Name.Trim())) return ($"codes[{i}].name", $"'{c.Name.Trim()}' is used twice.", "admin.code-frame.used-twice", [c.Name.Trim()]);
            if (c.Key is { } key && (key is < 1 or > 9)) return ($"codes[{i}].key", "must be a number key from 1 to 9, or left out.", "admin.code-frame.key-range", []);
            if (c.Key is { } k && !keys.Add(k)) return ($"codes[{i}].key", $"{k} is used twice: each number key toggles one code.", "admin.code-frame.key-twice", [k]);
            if (c.Description?.Trim().Length > DescriptionMax) return ($"codes[{i}].description", $"must be {DescriptionMax} characters or fewer.", "admin.code-frame.too-long", [DescriptionMax]);
            if (c.Group?.Trim().Length > GroupMax) return ($"codes[{i}].group", $"must be {GroupMax} characters or fewer.", "admin.code-frame.too-long", [GroupMax]);
        }
        return null;
    }

    /// <summary>An id for a new code, from its name: lower-case words joined by hyphens, made unique within the frame.</summary>
    public string NewId(string name)
    {
        var stem = NotSlug().Replace(name.Trim().ToLowerInvariant(), "-").Trim('-');
        if (stem.Length > 40) stem = stem[..40].Trim('-');
        if (stem.Length == 0) stem = "code";
        var id = stem;
        for (var n = 2; Codes.Any(c => c.Id == id); n++) id = $"{stem}-{n}";
        return id;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")] private static partial Regex Slug();
    [GeneratedRegex("[^a-z0-9]+")] private static partial Regex NotSlug();
}
