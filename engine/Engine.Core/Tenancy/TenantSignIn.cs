namespace Engine.Core.Tenancy;

/// <summary>
/// tenant.json "signIn": whether members may have password accounts here (an admin may change it at run time), and the
/// OpenID Connect providers people may sign in with. The providers' secrets and private keys are never in tenant.json:
/// they come from configuration (see <see cref="OpenIdProvider.SecretKey"/>).
/// </summary>
public sealed record TenantSignIn
{
    public bool Passwords { get; init; } = true;
    /// <summary>
    /// Moderators and admins must use two factors (an authenticator app): until they enrol, every staff page and staff API
    /// refuses them, sending them to enrol. An admin may change it at run time.
    /// </summary>
    public bool StaffTwoFactor { get; init; }
    public IReadOnlyList<OpenIdProvider> OpenIdConnect { get; init; } = [];
    /// <summary>
    /// tenant.json "signIn.emailDomains": when listed, only addresses at these domains (or their subdomains) may make an account
    /// here, such as <c>["nhs.net"]</c>; empty, any address may.
    /// </summary>
    public IReadOnlyList<string> EmailDomains { get; init; } = [];

    /// <summary>Null when a new account may have this address; else why not, naming the field.</summary>
    public Common.Error? CheckEmailDomain(string email)
    {
        if (EmailDomains.Count == 0) return null;
        var domain = email[(email.LastIndexOf('@') + 1)..].Trim().ToLowerInvariant();
        if (EmailDomains.Any(d => domain == d.ToLowerInvariant() || domain.EndsWith("." + d.ToLowerInvariant(), StringComparison.Ordinal))) return null;
        // The domains are listed with commas, not "or", so the list reads in any language.
        var domains = string.Join(", ", EmailDomains);
        return Common.Error.Invalid("email", $"This site takes new accounts only for email addresses at {domains}: {email} is not one.")
            .Keyed("error.email-domain", domains, email);
    }

    public OpenIdProvider? Provider(string? id) => OpenIdConnect.FirstOrDefault(p => p.Id == id);

    /// <summary>What is wrong with the section, as (path, message) for tenant.json's checker; null when it is fine.</summary>
    public (string Path, string Message)? Check()
    {
        if (!Passwords && OpenIdConnect.Count == 0)
            return ("signIn.passwords", "can be false only when signIn.openIdConnect lists a provider: nobody could sign in.");
        for (var i = 0; i < EmailDomains.Count; i++)
            if (Uri.CheckHostName(EmailDomains[i]) != UriHostNameType.Dns || !EmailDomains[i].Contains('.'))
                return ($"signIn.emailDomains[{i}]", $"'{EmailDomains[i]}' is not an email domain such as nhs.net (leave out the @).");
        var ids = new HashSet<string>();
        for (var i = 0; i < OpenIdConnect.Count; i++)
            if (OpenIdConnect[i].Check() is { } problem) return ($"signIn.openIdConnect[{i}].{problem.Field}", problem.Message);
            else if (!ids.Add(OpenIdConnect[i].Id)) return ($"signIn.openIdConnect[{i}].id", $"'{OpenIdConnect[i].Id}' is used twice.");
        return null;
    }
}

/// <summary>How the site proves to the provider that it is the client named by <see cref="OpenIdProvider.ClientId"/>.</summary>
public enum ClientAuthentication
{
    /// <summary>A shared secret (Microsoft Entra ID's usual way).</summary>
    ClientSecret,
    /// <summary>A JWT signed with the site's private key (RFC 7523; what NHS login requires).</summary>
    PrivateKeyJwt,
}

/// <summary>One OpenID Connect provider of a site: Microsoft Entra ID for NHSmail staff, NHS login for patients, or any other.</summary>
public sealed record OpenIdProvider
{
    /// <summary>Part of the sign-in and callback addresses (<c>/account/external/{id}/callback</c>) and of the secret's configuration key.</summary>
    public required string Id { get; init; }
    /// <summary>The button's words, such as "Sign in with NHSmail".</summary>
    public required string Label { get; init; }
    /// <summary>The issuer's address: its discovery document is at <c>{authority}/.well-known/openid-configuration</c>.</summary>
    public required string Authority { get; init; }
    public required string ClientId { get; init; }
    /// <summary>Asked for besides <c>openid</c>; <c>profile</c> and <c>email</c> by default.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = ["profile", "email"];
    public ClientAuthentication ClientAuthentication { get; init; } = ClientAuthentication.ClientSecret;
    /// <summary>Read the email and name from the userinfo endpoint too (NHS login gives them there, not in the ID token).</summary>
    public bool ClaimsFromUserInfo { get; init; }
    /// <summary>
    /// The claim whose values grant staff roles (Entra ID's <c>groups</c> or <c>roles</c>), with <see cref="Roles"/>; null: the
    /// provider grants no role, and roles are an admin's to give as for password accounts.
    /// </summary>
    public string? RolesClaim { get; init; }
    /// <summary>A value of <see cref="RolesClaim"/> (a group's id, an app role) and the role it grants; the most trusted one found wins.</summary>
    public IReadOnlyDictionary<string, string> Roles { get; init; } = new Dictionary<string, string>();
    /// <summary>
    /// The claim whose values put the member in the site's groups (Entra ID's <c>groups</c>), with <see cref="Groups"/>; checked
    /// at every sign-in, so a member the provider no longer names leaves the group. Null: groups are the admins' and invites' alone.
    /// </summary>
    public string? GroupsClaim { get; init; }
    /// <summary>A value of <see cref="GroupsClaim"/> (a group's id at the provider) and the site's group (its slug) it puts the member in.</summary>
    public IReadOnlyDictionary<string, string> Groups { get; init; } = new Dictionary<string, string>();

    /// <summary>The site's groups the claim's values name; values the site does not map are ignored.</summary>
    public IReadOnlyList<string> GroupsFor(IEnumerable<string> claimValues) =>
        claimValues.Select(v => Groups.GetValueOrDefault(v)).OfType<string>().Distinct().ToList();

    /// <summary>Where the secret (client secret, or the private key in PEM) is read from configuration: never from tenant.json.</summary>
    public static string SecretKey(string tenantId, string providerId, ClientAuthentication authentication) =>
        $"Engine:SignIn:{tenantId}:{providerId}:{(authentication == ClientAuthentication.ClientSecret ? "ClientSecret" : "PrivateKey")}";

    /// <summary>The role the claim's values grant: the most trusted mapped one, else a plain member.</summary>
    public string RoleFor(IEnumerable<string> claimValues)
    {
        var granted = claimValues.Select(v => Roles.GetValueOrDefault(v)).Where(r => r is not null).ToList();
        return Members.Roles.All.LastOrDefault(granted.Contains) ?? Members.Roles.Member;
    }

    internal (string Field, string Message)? Check()
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(Id, "^[a-z0-9][a-z0-9-]{0,62}$")) return ("id", "use lower-case letters, digits and hyphens only.");
        if (string.IsNullOrWhiteSpace(Label)) return ("label", "is required: it is the words on the sign-in button.");
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || authority.Scheme != Uri.UriSchemeHttps && !(authority.Scheme == Uri.UriSchemeHttp && authority.IsLoopback))
            return ("authority", $"'{Authority}' must be an https:// address such as https://login.microsoftonline.com/<tenant>/v2.0.");
        if (string.IsNullOrWhiteSpace(ClientId)) return ("clientId", "is required.");
        if (Scopes.Any(s => string.IsNullOrWhiteSpace(s) || s.Contains(' '))) return ("scopes", "each scope is one word, such as 'email'.");
        if (Roles.Count > 0 && string.IsNullOrWhiteSpace(RolesClaim)) return ("rolesClaim", "name the claim (such as 'groups') whose values the roles map from.");
        if (Groups.Count > 0 && string.IsNullOrWhiteSpace(GroupsClaim)) return ("groupsClaim", "name the claim (such as 'groups') whose values the groups map from.");
        foreach (var (value, group) in Groups)
            if (!System.Text.RegularExpressions.Regex.IsMatch(group, "^[a-z0-9][a-z0-9-]{0,62}$")) return ($"groups.{value}", $"'{group}' is not a group's id: use lower-case letters, digits and hyphens.");
        foreach (var (value, role) in Roles)
            if (!Members.Roles.All.Contains(role)) return ($"roles.{value}", $"'{role}' is not a role: use one of {string.Join(", ", Members.Roles.All)}.");
        return null;
    }
}
