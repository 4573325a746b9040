using Engine.Core.Common;
using Engine.Core.Images;

namespace Engine.Web.Images;

/// <summary>
/// The images of a form post, each decoded and copied by <see cref="ImageUpload"/>: fields image1 to image3 with their
/// alt text in alt1 to alt3 (the pages), or one image in image with alt (the API). A file field left empty is no image.
/// </summary>
public static class ImageForm
{
    /// <summary>The request limit of an endpoint that takes images: three at their limit, and room for the form around them.</summary>
    public const long RequestLimit = ImageRules.MaxPerIdea * (long)ImageRules.MaxBytes + 1024 * 1024;

    /// <summary>The request limit of the JSON new-idea and edit calls: three images at their limit as base64 (4 characters for 3 bytes), and the idea.</summary>
    public const long JsonRequestLimit = ImageRules.MaxPerIdea * (long)ImageRules.MaxBytes / 3 * 4 + 1024 * 1024;

    /// <summary>The images of the JSON new-idea and edit calls, each named in a refusal by its place in the list (images[0], images[0].altText).</summary>
    public static Outcome<IReadOnlyList<NewIdeaImage>> Read(IReadOnlyList<Api.ChallengesApi.NewIdeaImageRequest>? requests)
    {
        if (requests is null || requests.Count == 0) return Outcome<IReadOnlyList<NewIdeaImage>>.From([]);
        if (requests.Count > ImageRules.MaxPerIdea)
            return Error.Invalid("images", $"An idea carries at most {ImageRules.MaxPerIdea} images.").Keyed("error.image-limit", ImageRules.MaxPerIdea);
        var images = new List<NewIdeaImage>();
        for (var i = 0; i < requests.Count; i++)
        {
            var (field, request) = ($"images[{i}]", requests[i]);
            if (request?.Data is not { Length: > 0 } data)
                return Error.Invalid($"{field}.data", $"Send image {i + 1}'s bytes, base64-encoded, in {field}.data.").Keyed("error.image-base64", i + 1, field);
            var read = ImageUpload.Read($"{field}.data", request.FileName, null, data, $"{field}.altText", request.AltText);
            if (!read.Succeeded) return read.Error!;
            images.Add(read.Value!);
        }
        return Outcome<IReadOnlyList<NewIdeaImage>>.From(images);
    }

    public static async Task<Outcome<IReadOnlyList<NewIdeaImage>>> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType) return Outcome<IReadOnlyList<NewIdeaImage>>.From([]);
        var form = await request.ReadFormAsync(ct);
        var images = new List<NewIdeaImage>();
        var fields = form.Files.Select(f => f.Name).Distinct().ToList();
        if (fields.FirstOrDefault(f => f != "image" && !Numbered(f)) is { } unknown)
            return Error.Invalid(unknown, $"{unknown} is not an image field: send images as image1 to image{ImageRules.MaxPerIdea} (or image, with alt).")
                .Keyed("error.image-field", ImageRules.MaxPerIdea);
        foreach (var field in fields.OrderBy(f => f, StringComparer.Ordinal))
        {
            var file = form.Files.GetFile(field)!;
            // A file field left empty still comes, with no name and no bytes.
            if (file.Length == 0 && string.IsNullOrEmpty(file.FileName)) continue;
            var altField = field == "image" ? "alt" : "alt" + field["image".Length..];
            if (ImageUpload.TooLarge(field, file.FileName, file.Length) is { } tooLarge) return tooLarge;
            using var buffer = new MemoryStream((int)file.Length);
            await file.CopyToAsync(buffer, ct);
            var read = ImageUpload.Read(field, file.FileName, file.ContentType, buffer.GetBuffer().AsSpan(0, (int)buffer.Length), altField, form[altField]);
            if (!read.Succeeded) return read.Error!;
            images.Add(read.Value!);
        }
        if (images.Count > ImageRules.MaxPerIdea)
            return Error.Invalid("images", $"An idea carries at most {ImageRules.MaxPerIdea} images.").Keyed("error.image-limit", ImageRules.MaxPerIdea);
        return Outcome<IReadOnlyList<NewIdeaImage>>.From(images);
    }

    private static bool Numbered(string field) =>
        field.StartsWith("image", StringComparison.Ordinal) && int.TryParse(field["image".Length..], out var n) && n >= 1 && n <= ImageRules.MaxPerIdea;
}
