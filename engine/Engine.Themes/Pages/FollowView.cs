namespace Engine.Themes.Pages;

/// <summary>The follow button of an idea or a challenge (members only).</summary>
/// <param name="Following">The member follows it already: the button unfollows.</param>
/// <param name="Url">Where the form posts (follow=true or false).</param>
/// <param name="What">"idea" or "challenge".</param>
public sealed record FollowView(bool Following, string Url, string What);
