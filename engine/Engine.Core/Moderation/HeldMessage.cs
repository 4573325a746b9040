namespace Engine.Core.Moderation;

/// <summary>What the author of a held contribution is told, by the API and the site alike: it is stored, and waits for a moderator.</summary>
public static class HeldMessage
{
    public const string Text = "Thank you. Your contribution will appear once a moderator has checked it.";
}
