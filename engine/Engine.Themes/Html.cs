namespace Engine.Themes;

/// <summary>
/// HTML the engine made and vouches for (sanitised Markdown): the only value a theme writes unencoded.
/// Templates cannot make one: no function turns text into Html, so model text always comes out encoded.
/// </summary>
public sealed record Html(string Value)
{
    public override string ToString() => Value;
}
