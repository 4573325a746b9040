namespace Engine.Web.Tests.IdeaForms;

/// <summary>
/// The engine with sites whose challenges ask more than a title and a body: "forms" (base theme, anonymous posting on),
/// "forms-nhs" (nhs, in English and Welsh) and "forms-london" (london), each challenge with categories and three fields but
/// "admin-set", whose form an admin sets.
/// </summary>
public sealed class IdeaFormsApp : EngineApp
{
    public static readonly string[] Slugs = ["site-form", "api-checks", "filtered"];

    public IdeaFormsApp()
    {
        WriteTenant("forms", Site("forms", "base"));
        WriteTenant("forms-nhs", Site("forms-nhs", "nhs"));
        WriteTenant("forms-london", Site("forms-london", "london"));
    }

    private static Dictionary<string, object?> Site(string id, string theme)
    {
        var site = Tenant(id, $"Forms {theme}", [$"{id}.test"], anonymous: true, downVotes: false, theme: theme);
        site["languages"] = new[] { "cy-GB" };
        site["challenges"] = Slugs.Select(slug => (object)new
        {
            slug, title = $"Challenge {slug}", description = "Tell us more about you.", opensAt = Now.AddDays(-7), closesAt = Now.AddDays(21),
            ideaForm = new
            {
                categories = new[] { "Outpatients", "Waiting lists" },
                fields = new object[]
                {
                    new { key = "role", label = "I am a", kind = "choice", required = true, choices = new[] { "patient", "carer", "member of staff" } },
                    new { key = "trust", label = "Organisation", kind = "organisation", choices = new[] { "Leeds", "York" } },
                    new { key = "ward", label = "Ward or team", kind = "text" },
                },
            },
        }).Append(new { slug = "admin-set", title = "Challenge admin-set", description = "Its form is an admin's.", opensAt = Now.AddDays(-7), closesAt = Now.AddDays(21) })
            .ToArray();
        return site;
    }
}
