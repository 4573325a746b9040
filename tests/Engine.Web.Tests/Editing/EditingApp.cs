namespace Engine.Web.Tests.Editing;

/// <summary>
/// Sites for the editing tests, each holding anything with personal data in it for a moderator: "edits" (the default
/// window, until the first vote or comment), "public" (anonymous to the public), "fully" (fully anonymous), "off"
/// (no editing); and "budget", one vote per member.
/// </summary>
public sealed class EditingApp : EngineApp
{
    public EditingApp()
    {
        Site("edits", anonymity: null, editing: null);
        Site("public", anonymity: "anonymous-to-public", editing: null);
        Site("fully", anonymity: "fully-anonymous", editing: null);
        Site("off", anonymity: null, editing: new { window = "off" });
        // The image forms in the other two themes (london builds on base).
        Site("editsnhs", anonymity: null, editing: null, theme: "nhs");
        Site("editslondon", anonymity: null, editing: null, theme: "london");
        // One vote per member per challenge.
        var budget = Tenant("budget", "The budget site", ["budget.test"], anonymous: false, downVotes: false);
        budget["rules"] = new { voting = new { rule = "budget", settings = new { votes = 1 } } };
        WriteTenant("budget", budget);
    }

    private void Site(string id, string? anonymity, object? editing, string theme = "base")
    {
        var tenant = Tenant(id, $"The {id} site", [$"{id}.test"], anonymous: true, downVotes: true, theme: theme);
        tenant["rules"] = anonymity is null
            ? new { moderation = new[] { new { rule = "personal-data" } } }
            : (object)new { moderation = new[] { new { rule = "personal-data" } }, anonymity = new { rule = anonymity } };
        tenant["languages"] = new[] { "cy-GB" };
        if (editing is not null) tenant["editing"] = editing;
        WriteTenant(id, tenant);
    }
}
