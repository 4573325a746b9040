using System.Buffers;
using System.Text;
using Engine.Themes;
using Engine.Themes.Pages;
using Engine.Web.Tenancy;
using Microsoft.Extensions.ObjectPool;

namespace Engine.Web.Site;

/// <summary>
/// Renders a theme page for the request's tenant. The page goes into a pooled buffer first, then out in one
/// asynchronous write, so a render that fails sends nothing of itself: the visitor gets the base theme's error page.
/// </summary>
public sealed class ThemedPage(string page, IPage model, int statusCode = StatusCodes.Status200OK) : IResult
{
    // Enough buffers for every request in flight under load (the default keeps only two per core, so the
    // rest were grown from scratch on each page), each sized for a 30-idea page without growing.
    private static readonly ObjectPool<StringBuilder> Buffers = new DefaultObjectPool<StringBuilder>(
        new StringBuilderPooledObjectPolicy { InitialCapacity = 96 * 1024, MaximumRetainedCapacity = 1024 * 1024 }, maximumRetained: 64);

    /// <summary>Set when this page, if it succeeds, may be kept and served to other visitors.</summary>
    public PageCache.Ticket? CacheAs { get; init; }

    public async Task ExecuteAsync(HttpContext context)
    {
        var tenant = context.Tenant();
        var themes = context.RequestServices.GetRequiredService<ThemeEngine>();
        var theme = themes.Get(tenant.Theme, Path.Combine(tenant.Folder, "overrides")).Theme;
        var buffer = Buffers.Get();
        var status = statusCode;
        try
        {
            if (!TryRender(theme, buffer, context))
            {
                // Never half a page, never another page's output: the base theme's error page instead.
                buffer.Clear();
                status = StatusCodes.Status500InternalServerError;
                themes.Get(ThemeEngine.FallbackTheme, null).Theme.Render("message", new MessagePage(model.Frame with { Title = ErrorHeading },
                    ErrorHeading, "The page could not be shown. Try again in a moment; the site's team can see what went wrong."), buffer, context.RequestAborted);
            }
            // Kept only if nothing about this response belongs to this one visitor (no cookie was set).
            if (CacheAs is { } ticket && status == StatusCodes.Status200OK && context.Response.Headers.SetCookie.Count == 0)
            {
                var body = ToUtf8(buffer);
                ticket.Keep(body);
                await new CachedPage(body).ExecuteAsync(context);
                return;
            }
            // One write with its length: Kestrel then neither chunks the body nor takes its output lock per piece.
            // Encoded once, into room for the worst case, rather than counted first and encoded again.
            var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(buffer.Length));
            try
            {
                var length = Encode(buffer, bytes);
                context.Response.StatusCode = status;
                context.Response.ContentType = "text/html; charset=utf-8";
                context.Response.ContentLength = length;
                await context.Response.Body.WriteAsync(bytes.AsMemory(0, length), context.RequestAborted);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(bytes);
            }
        }
        finally
        {
            Buffers.Return(buffer);
        }
    }

    private const string ErrorHeading = "Sorry, there is a problem with this page";

    private bool TryRender(CompiledTheme theme, StringBuilder buffer, HttpContext context)
    {
        try
        {
            theme.Render(page, model, buffer, context.RequestAborted);
            return true;
        }
        catch (ThemeRenderException e)
        {
            context.RequestServices.GetRequiredService<ILogger<ThemedPage>>().LogError(e,
                "Theme {Theme} could not render the page {Page} for tenant {Tenant}: {File} line {Line} column {Column}: {Reason}",
                e.Theme, page, context.Tenant().Id, e.File, e.Line, e.Column, e.Reason);
            return false;
        }
    }

    private static byte[] ToUtf8(StringBuilder buffer)
    {
        var bytes = new byte[Utf8Length(buffer)];
        Encode(buffer, bytes);
        return bytes;
    }

    private static int Utf8Length(StringBuilder buffer)
    {
        var length = 0;
        foreach (var chunk in buffer.GetChunks()) length += Encoding.UTF8.GetByteCount(chunk.Span);
        return length;
    }

    /// <returns>How many bytes it wrote.</returns>
    private static int Encode(StringBuilder buffer, byte[] bytes)
    {
        var at = 0;
        foreach (var chunk in buffer.GetChunks()) at += Encoding.UTF8.GetBytes(chunk.Span, bytes.AsSpan(at));
        return at;
    }
}
