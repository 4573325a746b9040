namespace Engine.Themes;

/// <summary>The two parts of a themed email: the plain text every client shows, and the HTML in the tenant's brand.</summary>
public enum EmailPart
{
    Text,
    Html,
}

public static class EmailParts
{
    public static string Extension(this EmailPart part) => part == EmailPart.Html ? ".sbn-html" : ".sbn-txt";
}
