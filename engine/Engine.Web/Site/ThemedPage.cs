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

    /// <summary>Set on a signed-in member's page: what every member shares of it (see <see cref="SharedPage"/>).</summary>
    public SharedPage? Shared { get; init; }

    /// <summary>The member's own values of the shared records on the page (their votes on its ideas), if any.</summary>
    public IPersonalValues? Personal { get; init; }

    public async Task ExecuteAsync(HttpContext context)
    {
        var tenant = context.Tenant();
        var themes = context.RequestServices.GetRequiredService<ThemeEngine>();
        var theme = context.RequestServices.GetRequiredService<Plugins.TenantThemes>().For(tenant).Theme;
        var buffer = Buffers.Get();
        try
        {
            if (Shared is { } shared && statusCode == StatusCodes.Status200OK && Shell(theme, shared, context) is { } shell)
            {
                if (!await TryWritePersonalCopy(theme, shell, buffer, context)) await WriteError(themes, buffer, context);
                return;
            }
            if (!TryRender(theme, buffer, context))
            {
                await WriteError(themes, buffer, context);
                return;
            }
            // Kept only if nothing about this response belongs to this one visitor (no cookie was set).
            if (CacheAs is { } ticket && statusCode == StatusCodes.Status200OK && context.Response.Headers.SetCookie.Count == 0)
            {
                var body = ToUtf8(buffer);
                ticket.Keep(body);
                await new CachedPage(body).ExecuteAsync(context);
                return;
            }
            await Write(buffer, statusCode, context);
        }
        finally
        {
            Buffers.Return(buffer);
        }
    }

    /// <summary>Never half a page, never another page's output: the base theme's error page instead.</summary>
    private Task WriteError(ThemeEngine themes, StringBuilder buffer, HttpContext context)
    {
        buffer.Clear();
        var culture = Languages.LanguageChoice.Of(context);
        var heading = Languages.EngineWords.Text(culture, "message.page-failed");
        themes.Get(ThemeEngine.FallbackTheme, null).Theme.Render("message", new MessagePage(model.Frame with { Title = heading },
            heading, Languages.EngineWords.Text(culture, "message.page-failed-text")), buffer, context.RequestAborted);
        return Write(buffer, StatusCodes.Status500InternalServerError, context);
    }

    /// <summary>
    /// One write with its length: Kestrel then neither chunks the body nor takes its output lock per piece.
    /// Encoded once, into room for the worst case, rather than counted first and encoded again.
    /// </summary>
    private static async Task Write(StringBuilder buffer, int status, HttpContext context)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(buffer.Length));
        try
        {
            var length = Utf8Text.Encode(buffer, bytes);
            context.Response.StatusCode = status;
            context.Response.ContentType = CachedPage.ContentType;
            context.Response.ContentLength = length;
            await context.Response.Body.WriteAsync(bytes.AsMemory(0, length), context.RequestAborted);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private bool TryRender(CompiledTheme theme, StringBuilder buffer, HttpContext context) =>
        Try(context, () => theme.Render(page, model, buffer, context.RequestAborted, Personal));

    private bool Try(HttpContext context, Action render)
    {
        try
        {
            render();
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

    /// <summary>
    /// The shell every member shares: the kept one if this theme wrote it, else written now from the shared model and
    /// kept. Null when the theme's page cannot be written so, or failed (the page is then written whole, and fails alike).
    /// </summary>
    private PageShell? Shell(CompiledTheme theme, SharedPage shared, HttpContext context)
    {
        if (shared.Kept is { } kept && ReferenceEquals(kept.Theme, theme)) return kept;
        PageShell? shell = null;
        if (!Try(context, () => shell = theme.RenderShell(page, shared.Kept?.Model ?? shared.Model!, context.RequestAborted)) || shell is null) return null;
        shared.Ticket.Keep(shell);
        return shell;
    }

    /// <summary>
    /// The shell with this member's parts in its holes, written with its length straight into the response (the shell's
    /// bytes copied once, as a kept page's are, not first into a page of their own); false if a part failed.
    /// </summary>
    private async Task<bool> TryWritePersonalCopy(CompiledTheme theme, PageShell shell, StringBuilder parts, HttpContext context)
    {
        var ends = ArrayPool<int>.Shared.Rent(shell.HoleCount);
        byte[]? bytes = null;
        try
        {
            if (!Try(context, () => theme.RenderPersonalParts(shell, model, Personal, parts, ends, context.RequestAborted))) return false;
            bytes = ArrayPool<byte>.Shared.Rent(PageShell.MaxPartBytes(parts));
            var length = shell.EncodeParts(parts, ends.AsSpan(0, shell.HoleCount), bytes);
            context.Response.StatusCode = statusCode;
            context.Response.ContentType = CachedPage.ContentType;
            context.Response.ContentLength = length;
            shell.WriteTo(context.Response.BodyWriter, bytes, ends.AsSpan(0, shell.HoleCount));
            await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
            return true;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(ends);
            if (bytes is not null) ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static byte[] ToUtf8(StringBuilder buffer)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(buffer.Length));
        try
        {
            return bytes.AsSpan(0, Utf8Text.Encode(buffer, bytes)).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}

/// <summary>What every signed-in member shares of a page: its shell, kept or to be written (see <see cref="PageShell"/>).</summary>
/// <param name="Ticket">Where the shell is kept for the other members.</param>
/// <param name="Kept">The kept shell, when there is one: its model is the shared one.</param>
/// <param name="Model">The page's shared model (as a visitor has it), when no shell is kept.</param>
public sealed record SharedPage(ShellTicket Ticket, PageShell? Kept, IPage? Model);
