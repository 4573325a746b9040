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

    public async Task ExecuteAsync(HttpContext context)
    {
        var tenant = context.Tenant();
        var theme = context.RequestServices.GetRequiredService<ThemeEngine>()
            .Get(tenant.Theme, Path.Combine(tenant.Folder, "overrides")).Theme;
        var buffer = Buffers.Get();
        try
        {
            using (var writer = new StringWriter(buffer)) theme.Render(page, model, writer);
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
}
