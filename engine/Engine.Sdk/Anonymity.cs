namespace Engine.Sdk;

/// <summary>Decides how the author of a contribution is stored. The engine does the storing.</summary>
public interface IAnonymityPolicy
{
    AnonymityDecision Decide(AnonymityRequest request);
}

/// <param name="AuthorAskedForAnonymity">The author ticked "post anonymously".</param>
/// <param name="TenantAllowsAnonymity">The tenant (or challenge) switch for anonymous posting.</param>
public sealed record AnonymityRequest(ContributionKind Kind, bool AuthorAskedForAnonymity, bool TenantAllowsAnonymity);

public enum AuthorStorage
{
    /// <summary>The author's name is shown.</summary>
    Named,
    /// <summary>The public sees "Anonymous"; the link to the author is kept for an audited reveal by a moderator.</summary>
    AnonymousToPublic,
    /// <summary>No link to the author is stored, only a keyed hash that lets them keep one vote per idea and edit.</summary>
    FullyAnonymous,
}

public abstract record AnonymityDecision
{
    private AnonymityDecision() { }
    public sealed record Store(AuthorStorage As) : AnonymityDecision;
    public sealed record Refuse(string Reason) : AnonymityDecision
    {
        /// <summary>The refusal as a key in the plugin's catalogues, worded in the author's language (SDK 1.4); null: <see cref="Reason"/> as written.</summary>
        public PluginText? Text { get; init; }
    }

    public static AnonymityDecision StoreAs(AuthorStorage storage) => new Store(storage);
    public static AnonymityDecision Refused(string reason) => new Refuse(reason);
    /// <summary>Refused with a text from the plugin's catalogues, in the author's language (SDK 1.4).</summary>
    public static AnonymityDecision Refused(PluginText text) => new Refuse(text.Key) { Text = text };
}
