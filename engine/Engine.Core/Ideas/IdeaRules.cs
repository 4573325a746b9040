using Engine.Core.Common;

namespace Engine.Core.Ideas;

public static class IdeaRules
{
    public const int TitleMin = 5, TitleMax = 150, BodyMax = 10_000;

    /// <summary>Checks a new idea against the text limits. Whether it may be anonymous is the anonymity policy's call.</summary>
    public static Outcome<NewIdea> Validate(string? title, string? body)
    {
        if (TextRules.Check("title", title, TitleMin, TitleMax, out var t) is { } titleError) return titleError;
        if (TextRules.Check("body", body, 1, BodyMax, out var b) is { } bodyError) return bodyError;
        return new NewIdea(t, b);
    }
}
