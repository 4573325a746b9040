namespace Engine.Themes;

/// <summary>
/// The parts of a themed email: its subject line, the plain text every client shows, and the HTML in the tenant's brand.
/// Each is its own template (<c>emails/&lt;name&gt;.sbn-subject</c>, <c>.sbn-txt</c>, <c>.sbn-html</c>) inside that part's layout.
/// </summary>
public enum EmailPart
{
    Text,
    Html,
    /// <summary>Written as it is, like the text part; the engine makes it one line.</summary>
    Subject,
}

public static class EmailParts
{
    public static string Extension(this EmailPart part) => part switch
    {
        EmailPart.Html => ".sbn-html",
        EmailPart.Subject => ".sbn-subject",
        _ => ".sbn-txt",
    };
}
