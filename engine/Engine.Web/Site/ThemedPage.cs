using System.Text;
using Engine.Themes;
using Engine.Web.Tenancy;
using Microsoft.Extensions.ObjectPool;

namespace Engine.Web.Site;

/// <summary>
/// Renders a theme page for the request's tenant. Handlebars writes synchronously and Kestrel
/// forbids synchronous body writes, so the page goes into a pooled buffer first, then out asynchronously.
/// </summary>
public sealed class ThemedPage(string page, Dictionary<string, object?> model, int statusCode = StatusCodes.Status200OK) : IResult
{
    private static readonly ObjectPool<StringBuilder> Buffers =
        new DefaultObjectPoolProvider().CreateStringBuilderPool(initialCapacity: 16 * 1024, maximumRetainedCapacity: 1024 * 1024);

    /// <summary>Set when this page, if it succeeds, may be kept and served to other visitors.</summary>
    public PageCache.Ticket? CacheAs { get; init; }

    public async Task ExecuteAsync(HttpContext context)
    {
        var tenant = context.Tenant();
        var theme = context.RequestServices.GetRequiredService<ThemeEngine>()
            .Get(tenant.Theme, Path.Combine(tenant.Folder, "overrides")).Theme;
        var buffer = Buffers.Get();
        try
        {
            using (var writer = new StringWriter(buffer)) theme.Render(page, model, writer);
            // Kept only if nothing about this response belongs to this one visitor (no cookie was set).
            if (CacheAs is { } ticket && statusCode == StatusCodes.Status200OK && context.Response.Headers.SetCookie.Count == 0)
            {
                var body = ToUtf8(buffer);
                ticket.Keep(body);
                await new CachedPage(body).ExecuteAsync(context);
                return;
            }
            context.Response.StatusCode = statusCode;
            context.Response.ContentType = "text/html; charset=utf-8";
            foreach (var chunk in buffer.GetChunks())
                Encoding.UTF8.GetBytes(chunk.Span, context.Response.BodyWriter);
            await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
        }
        finally
        {
            Buffers.Return(buffer);
        }
    }

    private static byte[] ToUtf8(StringBuilder buffer)
    {
        var length = 0;
        foreach (var chunk in buffer.GetChunks()) length += Encoding.UTF8.GetByteCount(chunk.Span);
        var bytes = new byte[length];
        var at = 0;
        foreach (var chunk in buffer.GetChunks()) at += Encoding.UTF8.GetBytes(chunk.Span, bytes.AsSpan(at));
        return bytes;
    }
}
