using Engine.Sdk;

namespace Engine.Plugins.PersonalData;

public sealed class PersonalDataPlugin : IPlugin
{
    public void Register(IRuleRegistrar rules) =>
        rules.AddModerationRule("personal-data", settings => new PersonalDataRule(new PersonalDataChecks(
            NhsNumbers: settings.Bool("nhsNumbers"),
            PhoneNumbers: settings.Bool("phoneNumbers"),
            EmailAddresses: settings.Bool("emailAddresses"),
            Postcodes: settings.Bool("postcodes"))));
}
