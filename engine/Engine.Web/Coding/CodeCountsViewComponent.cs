using Engine.Core.Coding;
using Engine.Core.Tenancy;
using Engine.Web.Tenancy;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Coding;

/// <summary>The numbers page's code counts per week (for the site or one challenge), from the site's current code frame.</summary>
public sealed class CodeCountsViewComponent(ICodingStore store, CodeFrames frames) : ViewComponent
{
    public sealed record Model(IReadOnlyList<Code> Codes, IReadOnlyList<CodeWeek> Weeks);

    public async Task<IViewComponentResult> InvokeAsync(long? challengeId)
    {
        var tenant = HttpContext.Tenant();
        var codes = (await frames.ForAsync(tenant, HttpContext.RequestAborted)).Ordered;
        var weeks = codes.Count == 0 ? [] : CodeCounts.PerWeek(await store.UsesAsync(tenant.Id, challengeId, HttpContext.RequestAborted), codes, tenant.Zone());
        return View("/Pages/Admin/_CodeCounts.cshtml", new Model(codes, weeks));
    }
}
