using Engine.Core.Coding;
using Microsoft.AspNetCore.Mvc;

namespace Engine.Web.Pages.Admin;

/// <summary>
/// How far two analysts agree, code by code (Cohen's kappa), over the sample both of them coded: the ideas and comments
/// each has saved on the coding page. Choosing the pair is a plain GET form.
/// </summary>
public sealed class CodingAgreementModel(ICodingStore store, CodeFrames frames) : AdminPageModel
{
    public IReadOnlyList<Coder> Coders { get; private set; } = [];
    public Coder? First { get; private set; }
    public Coder? Second { get; private set; }
    /// <summary>The contributions both analysts coded.</summary>
    public int Sample { get; private set; }
    public IReadOnlyList<CodeAgreement> PerCode { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long? first, long? second, CancellationToken ct)
    {
        Coders = await store.CodersAsync(Tenant.Id, ct);
        if (first is null && second is null && Coders.Count >= 2) (first, second) = (Coders[0].MemberId, Coders[1].MemberId);
        First = Coders.FirstOrDefault(c => c.MemberId == first);
        Second = Coders.FirstOrDefault(c => c.MemberId == second);
        if (first is not null && First is null || second is not null && Second is null) return NotFound();
        if (First is null || Second is null || First == Second) return Page();
        var a = await store.FinishedByAsync(Tenant.Id, First.MemberId, ct);
        var b = await store.FinishedByAsync(Tenant.Id, Second.MemberId, ct);
        var sample = a.Keys.Where(b.ContainsKey).ToList();
        Sample = sample.Count;
        PerCode = Agreement.PerCode((await frames.ForAsync(Tenant, ct)).Ordered, sample, a, b);
        return Page();
    }

    /// <summary>The key of Landis and Koch's word for the row's kappa, in the page's language.</summary>
    public static string ReadingKey(CodeAgreement row) => row.Reading switch
    {
        "undefined" => "admin.agreement.reading-undefined",
        "worse than chance" => "admin.agreement.reading-worse",
        "slight" => "admin.agreement.reading-slight",
        "fair" => "admin.agreement.reading-fair",
        "moderate" => "admin.agreement.reading-moderate",
        "substantial" => "admin.agreement.reading-substantial",
        _ => "admin.agreement.reading-almost-perfect",
    };

    public static string Figure(double? value) =>
        value is { } v ? v.ToString("0.00", System.Globalization.CultureInfo.GetCultureInfo("en-GB")) : "–";
}
