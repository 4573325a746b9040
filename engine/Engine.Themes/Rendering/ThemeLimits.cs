namespace Engine.Themes.Rendering;

/// <summary>
/// What one render may spend. A theme is trusted to design, not to run code: a loop, a recursion or an
/// output that runs away stops the render with an error instead of slowing or truncating the page.
/// </summary>
public sealed record ThemeLimits
{
    /// <summary>
    /// Wall-clock time for one page, checked as the template runs. A page of 200 ideas renders in well under a
    /// millisecond; the margin is for a page's first render (code still being compiled) on a busy machine.
    /// </summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Loop iterations in one render, all loops counted together (Scriban's default, 1000, is too few for 200 ideas).</summary>
    public int LoopIterations { get; init; } = 100_000;
    /// <summary>Characters one page may write.</summary>
    public int OutputCharacters { get; init; } = 4 * 1024 * 1024;
    /// <summary>Partials inside partials, and functions inside functions.</summary>
    public int Depth { get; init; } = 32;
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromMilliseconds(100);
}
