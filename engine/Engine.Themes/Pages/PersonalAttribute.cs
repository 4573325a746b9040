namespace Engine.Themes.Pages;

/// <summary>
/// Marks a value that belongs to the one signed-in member reading the page (who they are, their vote, their
/// anti-forgery token). A theme reads such values only inside partials: the rest of a member's page is the same
/// for every member, so it is written once per version of the data and kept, and only the partials that read
/// personal values are written for each member (see docs/themes.md, "Personal parts").
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PersonalAttribute : Attribute;
