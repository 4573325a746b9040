using Engine.Core.Moderation;

namespace Engine.Web.Api;

/// <summary>A contribution that a moderation rule held: stored, but not public until a moderator approves it.</summary>
public sealed record HeldResponse(long Id, string Moderation, string Message)
{
    public static HeldResponse For(long id) => new(id, "held", HeldMessage.Text);
}
