using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Engine.Web.Hosting;

/// <summary>
/// Brotli or gzip for pages, style sheets, scripts, JSON and feeds, whichever the browser asks for. Never for an answer
/// that carries an anti-forgery token (BREACH; see docs/security.md): every page reflects its own address in links
/// back to it, so a token beside it could be guessed byte by byte from the compressed sizes.
/// </summary>
public static class Compression
{
    /// <summary>What is worth compressing: the text the engine sends. Images other than SVG are compressed already.</summary>
    public static readonly string[] Types =
    [
        "text/html", "text/css", "text/javascript", "application/javascript", "application/json", "application/problem+json",
        "application/atom+xml", "application/xml", "text/xml", "text/plain", "text/csv", "image/svg+xml",
    ];

    public static IServiceCollection AddCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            // Behind the TLS proxy every request is HTTPS to the engine; the token rule below is what BREACH asks for.
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = Types;
        });
        // Fastest: a page is compressed on every answer (the page cache keeps it uncompressed), and the gain over
        // Optimal is a few per cent of a page that is already a fifth of its size.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.AddSingleton<IResponseCompressionProvider, NoTokenCompression>();
        return services;
    }

    /// <summary>
    /// The framework's choice, except for answers that carry an anti-forgery token: the framework marks each of those
    /// Cache-Control no-store when it makes the token (a cached copy would hand one person's token to another), and
    /// the engine's other no-store answers (personal tokens, exports) are secrets too.
    /// </summary>
    private sealed class NoTokenCompression(IServiceProvider services, Microsoft.Extensions.Options.IOptions<ResponseCompressionOptions> options)
        : ResponseCompressionProvider(services, options)
    {
        public override bool ShouldCompressResponse(HttpContext context) =>
            !context.Response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase)
            && base.ShouldCompressResponse(context);
    }
}
