using Engine.Core.Common;

namespace Engine.Core.Ideas;

public enum IdeaSort { Top, New, Trending, Discussed }

public static class IdeaSorts
{
    public const int DefaultPageSize = 30;
    public const int MaxPageSize = 100;

    public static Outcome<IdeaSort> Parse(string? value) => (value ?? "").Trim().ToLowerInvariant() switch
    {
        "" or "top" => IdeaSort.Top,
        "new" => IdeaSort.New,
        "trending" => IdeaSort.Trending,
        "discussed" => IdeaSort.Discussed,
        _ => Error.Invalid("sort", $"Unknown sort '{value}'. Use top, new, trending or discussed.").Keyed("error.unknown-sort", value ?? ""),
    };

    public static Error? CheckPaging(int page, int pageSize)
    {
        if (page < 1) return Error.Invalid("page", "Page must be 1 or more.").Keyed("error.page-from-one");
        if (pageSize is < 1 or > MaxPageSize)
            return Error.Invalid("pageSize", $"Page size must be between 1 and {MaxPageSize}.").Keyed("error.page-size", MaxPageSize);
        return null;
    }

    public static string Name(this IdeaSort sort) => sort.ToString().ToLowerInvariant();
}
