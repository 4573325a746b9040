using Engine.Sdk;

namespace Engine.Plugins.PersonalData;

/// <summary>Which kinds of personal data to look for; a site may, say, allow email addresses.</summary>
public sealed record PersonalDataChecks(bool NhsNumbers = true, bool PhoneNumbers = true, bool EmailAddresses = true, bool Postcodes = true)
{
    public static readonly PersonalDataChecks All = new();
}

/// <summary>
/// Holds an idea or comment that seems to contain someone's NHS number, phone number, email address
/// or postcode, so a moderator can check it before it is public. The reason names only the kind of
/// data: moderation reasons are stored and shown, and must not copy the personal data they found.
/// </summary>
public sealed class PersonalDataRule(PersonalDataChecks checks) : IModerationRule
{
    public PersonalDataRule() : this(PersonalDataChecks.All) { }

    public ModerationDecision Check(Contribution contribution)
    {
        var text = contribution.Title is null ? contribution.Body : contribution.Title + "\n" + contribution.Body;
        var found = KindsFoundIn(text).ToList();
        // One key per set of kinds found ("held-nhs-number-email-address"), as each language joins a list its own way.
        return found.Count == 0
            ? ModerationDecision.Published
            : ModerationDecision.HeldFor(HeldKey(found));
    }

    private IEnumerable<string> KindsFoundIn(string text)
    {
        if (checks.NhsNumbers && Patterns.ContainsNhsNumber(text)) yield return "nhs-number";
        if (checks.PhoneNumbers && Patterns.PhoneNumber().IsMatch(text)) yield return "phone-number";
        if (checks.EmailAddresses && Patterns.EmailAddress().IsMatch(text)) yield return "email-address";
        if (checks.Postcodes && Patterns.Postcode().IsMatch(text)) yield return "postcode";
    }

    /// <summary>The catalogue key of a hold for these kinds, in the order <see cref="KindsFoundIn"/> finds them.</summary>
    public static string HeldKey(IEnumerable<string> kinds) => "held-" + string.Join("-", kinds);
}
