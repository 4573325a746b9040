namespace Engine.Core.Moderation;

/// <summary>What the author of a held contribution is told, by the API and the site alike: it is stored, and waits for a moderator.</summary>
public static class HeldMessage
{
    public const string Text = "Thank you. Your contribution will appear once a moderator has checked it.";
    /// <summary>For an edit the rules held: the contribution is off the site until then (see EditContribution).</summary>
    public const string Edit = "Thank you. Your changes will appear once a moderator has checked them; until then it is off the site.";
}
