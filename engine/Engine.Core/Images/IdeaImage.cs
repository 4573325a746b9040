namespace Engine.Core.Images;

/// <summary>
/// An image on an idea, as its page shows it: the words that stand for it (<see cref="AltText"/>, for people who cannot
/// see it) and the size of its display copy, so the page can reserve its space before it loads.
/// </summary>
public sealed record IdeaImage(long Id, long IdeaId, string AltText, int Width, int Height);

/// <summary>The copies kept of every image: a small one for lists, and one to show on the idea's page.</summary>
public enum ImageSize { Thumbnail, Display }

/// <summary>One copy of an image, as re-encoded by the engine (never the bytes that were uploaded).</summary>
public sealed record ImageCopy(byte[] Bytes, int Width, int Height);

/// <summary>An image to attach: its alt text and the copies made of it. <see cref="AltField"/> is the form field the alt text came in, for a refusal to name.</summary>
public sealed record NewIdeaImage(string AltText, ImageCopy Thumbnail, ImageCopy Display, string AltField = "alt");

public static class ImageRules
{
    /// <summary>How many images an idea may carry.</summary>
    public const int MaxPerIdea = 3;

    /// <summary>The largest upload taken, before it is decoded.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    /// <summary>Alt text describes the image in a sentence or two, not an essay.</summary>
    public const int MaxAltText = 300;

    /// <summary>The one format every copy is kept and served in: it keeps transparency and is small.</summary>
    public const string ContentType = "image/webp";
}
