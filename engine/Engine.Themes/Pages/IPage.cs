namespace Engine.Themes.Pages;

/// <summary>
/// The model of one page a theme renders. The frame's members (title, site, user ...) and the page's own
/// members are both top-level variables in the template. These records are the theme author's reference:
/// a template sees nothing else.
/// </summary>
public interface IPage
{
    PageFrame Frame { get; }
}
