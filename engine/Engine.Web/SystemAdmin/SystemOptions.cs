namespace Engine.Web.SystemAdmin;

/// <summary>
/// The system administration site: where the people who run the deployment (not a tenant's admins)
/// see every tenant's state and create tenants. Bound from <c>Engine:System</c>.
/// </summary>
public sealed class SystemOptions
{
    public const string Section = "Engine:System";

    /// <summary>Hosts that serve the system site instead of a tenant, e.g. "system.example.org". None: no system site.</summary>
    public List<string> Hosts { get; set; } = [];

    /// <summary>
    /// The first system administrator, created at start-up when there is none yet (as Keycloak's
    /// bootstrap admin is). Pass the password through a secret or environment variable, never a file
    /// in the repository, and change it after the first sign-in.
    /// </summary>
    public string? BootstrapEmail { get; set; }
    public string? BootstrapPassword { get; set; }
}
