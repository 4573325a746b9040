namespace Engine.Web.Accounts;

/// <summary>
/// The authorization policies of a site's team, by the least role each needs (Core's Roles): registered in
/// EngineServices, required by the admin pages (AdminPagesServices) and the API alike.
/// </summary>
public static class Policies
{
    /// <summary>Champions and up: the team that answers contributions.</summary>
    public const string Team = "team";
    /// <summary>Community managers and up: statuses, assignments and theming.</summary>
    public const string Manager = "manager";
    public const string Moderator = "moderator";
    public const string Admin = "admin";
    /// <summary>Analysts and admins: coding contributions (a moderator may not).</summary>
    public const string Coder = "coder";
    /// <summary>Analysts and community managers and up: theme suggestions (the theming page itself stays the managers').</summary>
    public const string Suggester = "suggester";
}
