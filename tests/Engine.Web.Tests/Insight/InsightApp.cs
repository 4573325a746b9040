namespace Engine.Web.Tests.Insight;

/// <summary>
/// The usual three tenants plus "held", whose personal-data rule holds anything with a phone number in it for a
/// moderator, and which allows anonymous posting (nhs theme, so its pages are checked there too).
/// </summary>
public sealed class InsightApp : EngineApp
{
    public InsightApp()
    {
        var held = Tenant("held", "Held Ideas", ["held.test"], anonymous: true, downVotes: false, theme: "nhs");
        held["rules"] = new { moderation = new[] { new { rule = "personal-data" } } };
        WriteTenant("held", held);
    }
}
