using Engine.Core.Imports;

namespace Engine.Web.DataExchange;

/// <summary>
/// Reading an uploaded import file with its size limit, so a file that is too big gets a clear message naming the
/// limit rather than a bare 413 or a 500. Kestrel's own limit (set per endpoint to a little more) stays the backstop.
/// </summary>
public static class Uploads
{
    /// <summary>The request limit for the import endpoints: the file limit plus room for the form around it.</summary>
    public const long RequestLimit = ImportFile.MaxBytes + 256 * 1024;

    public static string TooLargeMessage => $"The file is larger than {ImportFile.MaxBytes / 1024 / 1024} MB: split it into smaller files and import each.";

    /// <summary>The raw body, or null if it is over <see cref="ImportFile.MaxBytes"/> (stops reading as soon as it is).</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > ImportFile.MaxBytes) return null;
        try
        {
            return await ReadLimitedAsync(request.Body, ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

    public static async Task<byte[]?> ReadLimitedAsync(Stream stream, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > ImportFile.MaxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
