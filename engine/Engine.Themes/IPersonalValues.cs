namespace Engine.Themes;

/// <summary>
/// The signed-in member's own values of view records that every member shares, asked for as the page is
/// written: the idea cards of a list are the same records for everyone, and only "did I vote for it" differs.
/// Only members marked <see cref="Pages.PersonalAttribute"/> are asked for; any other is read from the record.
/// </summary>
public interface IPersonalValues
{
    /// <returns>False to read the record's own value.</returns>
    bool TryGet(object view, string member, out object? value);
}
