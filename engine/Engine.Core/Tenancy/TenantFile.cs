using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Engine.Core.Tenancy;

/// <summary>What is wrong with one tenant.json, located by file and line.</summary>
public sealed record TenantProblem(string TenantId, string File, int? Line, string Message)
{
    public override string ToString() => Line is { } l ? $"{File}, line {l}: {Message}" : $"{File}: {Message}";
}

/// <summary>Reads and checks <c>tenant.json</c>. Never throws for bad content: it reports a <see cref="TenantProblem"/>.</summary>
public static partial class TenantFile
{
    public const string FileName = "tenant.json";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public static (TenantDefinition? Tenant, TenantProblem? Problem) Read(string folder)
    {
        var id = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        var file = Path.Combine(folder, FileName);
        byte[] bytes;
        try { bytes = File.ReadAllBytes(file); }
        catch (IOException e) { return (null, new TenantProblem(id, file, null, $"cannot be read: {e.Message}")); }
        catch (UnauthorizedAccessException e) { return (null, new TenantProblem(id, file, null, $"cannot be read: {e.Message}")); }
        return Parse(id, file, bytes, folder);
    }

    public static (TenantDefinition? Tenant, TenantProblem? Problem) Parse(string folderName, string file, byte[] bytes, string folder)
    {
        TenantDefinition? tenant;
        try
        {
            tenant = JsonSerializer.Deserialize<TenantDefinition>(bytes, Json);
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } l ? (int)l + 1 : (int?)null;
            return (null, new TenantProblem(folderName, file, line, Describe(e)));
        }
        if (tenant is null) return (null, new TenantProblem(folderName, file, 1, "is empty: it must be a JSON object."));

        var lines = JsonLineMap.Build(bytes);
        TenantProblem Problem(string path, string message) =>
            new(folderName, file, lines.TryGetValue(path, out var l) ? l : null, $"{path}: {message}");

        var problem = Check(tenant, folderName, Problem);
        return problem is null ? (tenant with { Folder = folder }, null) : (null, problem);
    }

    private static TenantProblem? Check(TenantDefinition t, string folderName, Func<string, string, TenantProblem> problem)
    {
        if (t.Id != folderName) return problem("id", $"is '{t.Id}' but the folder is '{folderName}'; they must match.");
        if (!Slug().IsMatch(t.Id)) return problem("id", "use lower-case letters, digits and hyphens only.");
        if (string.IsNullOrWhiteSpace(t.Name)) return problem("name", "is required.");
        if (t.Hosts.Count == 0) return problem("hosts", "list at least one host name, such as 'my-region.localhost'.");
        for (var i = 0; i < t.Hosts.Count; i++)
            if (Uri.CheckHostName(t.Hosts[i]) == UriHostNameType.Unknown || t.Hosts[i].Contains(':'))
                return problem($"hosts[{i}]", $"'{t.Hosts[i]}' is not a host name (leave out the scheme and port).");
        if (t.PathPrefix.Length > 0 && !Prefix().IsMatch(t.PathPrefix))
            return problem("pathPrefix", "must look like '/london': a slash, then lower-case letters, digits or hyphens.");
        if (!Slug().IsMatch(t.Theme)) return problem("theme", "must be the name of a folder under themes/.");
        if (!Colour().IsMatch(t.ThemeSettings.PrimaryColour)) return problem("themeSettings.primaryColour", "must be a colour like #005eb8.");
        if (!Colour().IsMatch(t.ThemeSettings.AccentColour)) return problem("themeSettings.accentColour", "must be a colour like #ffeb3b.");
        if (t.ThemeSettings.Logo is { } logo && (logo.Contains("..") || logo.StartsWith('/') || !logo.StartsWith("assets/")))
            return problem("themeSettings.logo", "must be a file under the tenant's assets/ folder, such as 'assets/logo.svg'.");
        try { System.Globalization.CultureInfo.GetCultureInfo(t.Locale, predefinedOnly: true); }
        catch (System.Globalization.CultureNotFoundException) { return problem("locale", $"'{t.Locale}' is not a known locale such as en-GB."); }
        for (var i = 0; i < t.Languages.Count; i++)
        {
            try { System.Globalization.CultureInfo.GetCultureInfo(t.Languages[i], predefinedOnly: true); }
            catch (System.Globalization.CultureNotFoundException) { return problem($"languages[{i}]", $"'{t.Languages[i]}' is not a known locale such as cy-GB."); }
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(t.TimeZone, out _)) return problem("timeZone", $"'{t.TimeZone}' is not a time zone such as Europe/London.");
        if (t.Accounts.MaxTokenDays is < 1 or > TenantAccounts.MaxTokenDaysLimit)
            return problem("accounts.maxTokenDays", $"must be a number of days from 1 to {TenantAccounts.MaxTokenDaysLimit}.");
        if (t.Accounts.DeleteInactiveAfterMonths is < TenantAccounts.InactiveMonthsMin or > TenantAccounts.InactiveMonthsMax)
            return problem("accounts.deleteInactiveAfterMonths",
                $"must be a number of months from {TenantAccounts.InactiveMonthsMin} to {TenantAccounts.InactiveMonthsMax}, or left out to keep accounts however long they are unused.");
        if (t.Accounts.InactiveWarningDays is < TenantAccounts.WarningDaysMin or > TenantAccounts.WarningDaysMax)
            return problem("accounts.inactiveWarningDays", $"must be a number of days from {TenantAccounts.WarningDaysMin} to {TenantAccounts.WarningDaysMax}.");
        if (t.Editing.Window == Editing.EditWindow.Minutes && t.Editing.Minutes is < 1 or > Editing.TenantEditing.MinutesLimit)
            return problem("editing.minutes", $"must be a number of minutes from 1 to {Editing.TenantEditing.MinutesLimit} (a week).");
        if (t.SignIn.Check() is { } signIn) return problem(signIn.Path, signIn.Message);
        if (t.Coding.Check() is { } coding) return problem($"coding.{coding.Path}", coding.Message);
        if (t.Email.From is { } from && !IsMailAddress(from))
            return problem("email.from", $"'{from}' is not an email address such as \"North East ideas <ideas@north-east.nhs.uk>\".");
        if (t.Email.ReplyTo is { } replyTo && !IsMailAddress(replyTo))
            return problem("email.replyTo", $"'{replyTo}' is not an email address such as team@north-east.nhs.uk.");

        var slugs = new HashSet<string>();
        for (var i = 0; i < t.Challenges.Count; i++)
        {
            var c = t.Challenges[i];
            if (!Slug().IsMatch(c.Slug)) return problem($"challenges[{i}].slug", "use lower-case letters, digits and hyphens only.");
            if (!slugs.Add(c.Slug)) return problem($"challenges[{i}].slug", $"'{c.Slug}' is used twice.");
            if (string.IsNullOrWhiteSpace(c.Title)) return problem($"challenges[{i}].title", "is required.");
            if (c.OpensAt is { } o && c.ClosesAt is { } cl && cl <= o)
                return problem($"challenges[{i}].closesAt", "must be after opensAt.");
            if (c.Audience == Challenges.AudienceKind.Groups && c.Groups.Count == 0)
                return problem($"challenges[{i}].groups", "list the groups whose members may see it, as audience is \"groups\".");
            if (c.Groups.FirstOrDefault(g => !Slug().IsMatch(g)) is { } group)
                return problem($"challenges[{i}].groups", $"'{group}' is not a group's id: use lower-case letters, digits and hyphens only.");
            if (c.IdeaForm?.Check() is { } form) return problem($"challenges[{i}].ideaForm.{form.Path}", form.Message);
        }
        return null;
    }

    /// <summary>One address, optionally with a display name; no lists, and nothing that could add a header.</summary>
    private static bool IsMailAddress(string text) =>
        text.Length <= 320 && text.IndexOfAny(['\r', '\n', ',', ';']) < 0 && System.Net.Mail.MailAddress.TryCreate(text, out _);

    private static string Describe(JsonException e)
    {
        // System.Text.Json appends "Path: ... | LineNumber: ..." to its messages; we report the line ourselves.
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0) message = message[..cut];
        return e.Path is { Length: > 1 } path ? $"{path.TrimStart('$', '.')}: {message}" : message;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")] private static partial Regex Slug();
    [GeneratedRegex("^/[a-z0-9][a-z0-9-]{0,62}$")] private static partial Regex Prefix();
    [GeneratedRegex("^#[0-9a-fA-F]{6}$")] private static partial Regex Colour();
}
