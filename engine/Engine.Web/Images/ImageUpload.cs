using Engine.Core.Common;
using Engine.Core.Images;
using SkiaSharp;

namespace Engine.Web.Images;

/// <summary>
/// Turns an uploaded file into the copies the engine keeps, or a refusal naming the form field. What a file is comes from
/// its bytes (its signature, then a real decode), never from its name or declared type; a name or type that claims another
/// image format is refused too, since the file is not what its owner thinks it is. Every image is decoded and drawn
/// afresh, so nothing of the upload survives but its pixels: no EXIF or GPS block, no trailing script of a polyglot file.
/// </summary>
public static class ImageUpload
{
    /// <summary>Decoding needs 4 bytes a pixel, before anything is checked by drawing: a 40-megapixel photo is 160 MB.</summary>
    public const int MaxSide = 10_000;
    public const long MaxPixels = 40_000_000;
    public const int DisplaySide = 1200, ThumbnailSide = 320;
    private const int Quality = 82;

    private enum Format { Jpeg, Png, Webp }

    public static Outcome<NewIdeaImage> Read(string field, string? fileName, string? declaredType, ReadOnlySpan<byte> bytes, string altField, string? altText)
    {
        var name = NameOf(field, fileName);
        if (TooLarge(field, fileName, bytes.Length) is { } tooLarge) return tooLarge;
        if (Sniff(bytes) is not { } format)
            return Error.Invalid(field, $"{name} is not a JPEG, PNG or WebP image.").Keyed("error.image-not-image", name);
        if (Claimed(fileName, declaredType) is { } claimed && claimed != format)
            return Error.Invalid(field, $"{name} is named as a {Label(claimed)} image but is a {Label(format)} image: save it again with the right name.")
                .Keyed("error.image-mislabelled", name, Label(claimed), Label(format));
        if (TextRules.Check(altField, altText, 1, ImageRules.MaxAltText, out var alt) is { } altError) return altError;

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || Of(codec.EncodedFormat) != format) return Damaged(field, name);
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        // Judged on the declared size, before a byte is decoded: a small file may declare a picture of gigabytes.
        if (width <= 0 || height <= 0 || width > MaxSide || height > MaxSide || (long)width * height > MaxPixels)
            return Error.Invalid(field, $"{name} is {width} × {height} pixels; an image may be at most {MaxSide} pixels a side and {MaxPixels / 1_000_000} million in all.")
                .Keyed("error.image-too-many-pixels", name, width, height);
        using var decoded = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        // Anything short of a whole decode (a file cut short decodes as IncompleteInput) is refused: its copies would show grey.
        if (codec.GetPixels(decoded.Info, decoded.GetPixels()) != SKCodecResult.Success) return Damaged(field, name);
        using var image = SKImage.FromBitmap(decoded);
        return new NewIdeaImage(alt, Copy(image, codec.EncodedOrigin, ThumbnailSide), Copy(image, codec.EncodedOrigin, DisplaySide), altField);
    }

    /// <summary>The refusal of a file over <see cref="ImageRules.MaxBytes"/>, judged before it is read; null when it is not.</summary>
    public static Error? TooLarge(string field, string? fileName, long length) => length <= ImageRules.MaxBytes ? null
        : Error.Invalid(field, $"{NameOf(field, fileName)} is larger than {ImageRules.MaxBytes / 1024 / 1024} MB, the most an image may be.")
            .Keyed("error.image-too-large", NameOf(field, fileName), ImageRules.MaxBytes / 1024 / 1024);

    private static string NameOf(string field, string? fileName) => string.IsNullOrWhiteSpace(fileName) ? field : Path.GetFileName(fileName);

    private static Error Damaged(string field, string name) =>
        Error.Invalid(field, $"{name} could not be read whole: it is damaged or cut short. Save it again and retry.").Keyed("error.image-damaged", name);

    /// <summary>
    /// The image drawn upright (a phone photo's EXIF orientation is applied here, since its EXIF is not kept) and no larger
    /// than <paramref name="side"/> pixels a side, encoded as WebP.
    /// </summary>
    private static ImageCopy Copy(SKImage image, SKEncodedOrigin origin, int side)
    {
        var turned = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (w, h) = turned ? (image.Height, image.Width) : (image.Width, image.Height);
        var scale = Math.Min(1f, (float)side / Math.Max(w, h));
        var (outW, outH) = (Math.Max(1, (int)Math.Round(w * scale)), Math.Max(1, (int)Math.Round(h * scale)));
        using var surface = SKSurface.Create(new SKImageInfo(outW, outH, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Transparent);
        canvas.Scale((float)outW / w, (float)outH / h);
        canvas.Concat(Upright(origin, image.Width, image.Height));
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        using var drawn = surface.Snapshot();
        using var encoded = drawn.Encode(SKEncodedImageFormat.Webp, Quality);
        return new ImageCopy(encoded.ToArray(), outW, outH);
    }

    /// <summary>Skia's own mapping from an EXIF orientation to the drawing that stands the image upright (SkEncodedOriginToMatrix).</summary>
    private static SKMatrix Upright(SKEncodedOrigin origin, float w, float h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
        _ => SKMatrix.Identity,
    };

    /// <summary>The format the file's first bytes say it is.</summary>
    private static Format? Sniff(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return Format.Jpeg;
        if (b.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])) return Format.Png;
        if (b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8)) return Format.Webp;
        return null;
    }

    private static Format? Of(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Jpeg => Format.Jpeg,
        SKEncodedImageFormat.Png => Format.Png,
        SKEncodedImageFormat.Webp => Format.Webp,
        _ => null,
    };

    /// <summary>The image format a file's name or declared type claims, if it claims one of the three.</summary>
    private static Format? Claimed(string? fileName, string? declaredType) =>
        Path.GetExtension(fileName ?? "").ToLowerInvariant() switch
        {
            ".jpg" or ".jpeg" or ".jfif" => Format.Jpeg,
            ".png" => Format.Png,
            ".webp" => Format.Webp,
            _ => declaredType?.ToLowerInvariant() switch
            {
                "image/jpeg" => Format.Jpeg,
                "image/png" => Format.Png,
                "image/webp" => Format.Webp,
                _ => null,
            },
        };

    private static string Label(Format format) => format switch { Format.Jpeg => "JPEG", Format.Png => "PNG", _ => "WebP" };
}
