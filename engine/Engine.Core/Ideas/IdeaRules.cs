using Engine.Core.Common;
using Engine.Core.Tenancy;

namespace Engine.Core.Ideas;

public static class IdeaRules
{
    public const int TitleMin = 5, TitleMax = 150, BodyMax = 10_000;

    /// <summary>Checks a new idea against the text limits and the tenant's switches.</summary>
    public static Outcome<NewIdea> Validate(string? title, string? body, bool anonymous, TenantFeatures features)
    {
        if (TextRules.Check("title", title, TitleMin, TitleMax, out var t) is { } titleError) return titleError;
        if (TextRules.Check("body", body, 1, BodyMax, out var b) is { } bodyError) return bodyError;
        if (anonymous && !features.AnonymousPosting)
            return Error.Forbidden("This site does not allow anonymous posting.", "anonymous");
        return new NewIdea(t, b, anonymous);
    }
}
