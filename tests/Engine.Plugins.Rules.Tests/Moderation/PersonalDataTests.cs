using Engine.Plugins.PersonalData;
using static Engine.Plugins.Rules.Tests.Given;

namespace Engine.Plugins.Rules.Tests.Moderation;

public class PersonalDataTests
{
    private readonly PersonalDataRule rule = new();

    // 943 476 5919 is the NHS's well-known test number; the others were computed with the modulus 11 check.
    [Theory]
    [InlineData("9434765919")]
    [InlineData("4010232137")]
    [InlineData("4857773457")]
    [InlineData("4505577104")]
    [InlineData("9999999999")]
    public void A_valid_nhs_number_passes_the_check_digit(string digits) =>
        NhsNumber.IsValid(digits).Should().BeTrue();

    [Theory]
    [InlineData("9434765918")] // right length, wrong check digit
    [InlineData("4010232138")]
    [InlineData("1234567890")] // the first nine digits give a check digit of 10: never issued
    [InlineData("1234567891")]
    [InlineData("943476591")]  // nine digits
    [InlineData("94347659190")]
    [InlineData("94347659x9")]
    public void An_invalid_nhs_number_fails_the_check_digit(string digits) =>
        NhsNumber.IsValid(digits).Should().BeFalse();

    [Theory]
    [InlineData("My NHS number is 943 476 5919, please check it")]
    [InlineData("My NHS number is 9434765919")]
    [InlineData("Number: 943-476-5919.")]
    [InlineData("401 023 2137")]
    public void A_valid_nhs_number_is_held(string text) =>
        rule.Check(Comment(text)).Should().BeOfType<ModerationDecision.Hold>()
            .Which.Reason(rule).Should().ContainEquivalentOf("contains what looks like an NHS number");

    [Theory]
    [InlineData("Our reference is 943 476 5918")]
    [InlineData("Order 1234567890 arrived late")]
    [InlineData("Call ref 4010232138")]
    public void A_random_ten_digit_number_with_a_wrong_check_digit_is_not_held(string text) =>
        rule.Check(Comment(text)).Should().Be(ModerationDecision.Published);

    [Fact]
    public void A_valid_nhs_number_inside_a_longer_number_is_not_held() =>
        rule.Check(Comment("Batch 194347659190 was delivered")).Should().Be(ModerationDecision.Published);

    [Fact]
    public void A_valid_nhs_number_after_an_invalid_one_is_still_found() =>
        rule.Check(Comment("Not 1234567890 but 9434765919")).Should().BeOfType<ModerationDecision.Hold>();

    [Theory]
    [InlineData("Ring me on 07700 900123")]
    [InlineData("Ring me on 07700900123")]
    [InlineData("Ring me on 07700 900 123")]
    [InlineData("Ring me on +44 7700 900123")]
    [InlineData("Ring me on +447700900123")]
    [InlineData("Ring the ward on 020 7946 0958")]
    [InlineData("Ring the ward on (020) 7946 0958")]
    [InlineData("Ring the ward on +44 (0)20 7946 0958")]
    [InlineData("Ring the ward on 0161 496 0000")]
    [InlineData("Ring the ward on 0161-496-0000")]
    public void A_uk_phone_number_is_held(string text) =>
        rule.Check(Comment(text)).Should().BeOfType<ModerationDecision.Hold>()
            .Which.Reason(rule).Should().Contain("a phone number");

    [Theory]
    [InlineData("We saw 1500 patients in 2024")]
    [InlineData("Waits fell from 18 weeks to 12 weeks, 07:30 to 19:00")]
    [InlineData("Call NHS 111 or 0300 311 2233")]
    [InlineData("Ward 7 has 20 beds and 4 bays")]
    public void Ordinary_numbers_and_organisation_lines_are_not_held_as_phone_numbers(string text) =>
        rule.Check(Comment(text)).Should().Be(ModerationDecision.Published);

    [Theory]
    [InlineData("Email me at jane.doe@nhs.net")]
    [InlineData("Email me at someone+clinic@example.co.uk")]
    [InlineData("JANE_DOE@EXAMPLE.ORG")]
    public void An_email_address_is_held(string text) =>
        rule.Check(Comment(text)).Should().BeOfType<ModerationDecision.Hold>()
            .Which.Reason(rule).Should().Contain("an email address");

    [Theory]
    [InlineData("Follow @NHSEngland for news")]
    [InlineData("Meet @ 3pm in the canteen")]
    public void A_handle_or_an_at_sign_alone_is_not_an_email_address(string text) =>
        rule.Check(Comment(text)).Should().Be(ModerationDecision.Published);

    [Theory]
    [InlineData("I live at SW1A 1AA")]
    [InlineData("Post it to M1 1AE please")]
    [InlineData("Near B33 8TH")]
    [InlineData("sw1a 1aa")]
    [InlineData("SW1A1AA")]
    [InlineData("EC1A 1BB")]
    [InlineData("W1A 0AX")]
    [InlineData("DN55 1PT")]
    [InlineData("CR2 6XH.")]
    public void A_full_postcode_is_held(string text) =>
        rule.Check(Comment(text)).Should().BeOfType<ModerationDecision.Hold>()
            .Which.Reason(rule).Should().Contain("a postcode");

    [Theory]
    [InlineData("Everyone in SW1A knows the surgery")]
    [InlineData("Traffic on the M1 was bad")]
    [InlineData("Buses from B33 are slow")]
    [InlineData("The class meets at 10 in room 2B")]
    public void A_partial_postcode_or_ordinary_text_is_not_held(string text) =>
        rule.Check(Comment(text)).Should().Be(ModerationDecision.Published);

    [Theory]
    [InlineData("943 476 5919")]
    [InlineData("07700 900123")]
    [InlineData("jane.doe@nhs.net")]
    [InlineData("SW1A 1AA")]
    public void The_hold_reason_never_contains_the_matched_value(string value)
    {
        var hold = rule.Check(Idea("About me", $"Details: {value}")).Should().BeOfType<ModerationDecision.Hold>().Which;
        hold.Text!.Values.Should().BeEmpty("the reason is stored with its values: none may be what was found");
        foreach (var reason in new[] { hold.Reason(rule), hold.Reason(rule, "cy") })
        {
            reason.Should().NotContainEquivalentOf(value);
            reason.Should().NotContainAny(value.Split(' ', '@', '.'));
            reason.Should().NotMatchRegex(@"\d");
        }
    }

    [Fact]
    public void The_title_of_an_idea_is_checked_too() =>
        rule.Check(Idea("Call 07700 900123", "Nothing personal here")).Should().BeOfType<ModerationDecision.Hold>();

    [Fact]
    public void A_value_split_between_title_and_body_is_not_joined_into_one() =>
        rule.Check(Idea("Idea 943 476", "5919 is a count")).Should().Be(ModerationDecision.Published);

    [Fact]
    public void The_hold_reason_names_every_kind_found() =>
        rule.Check(Comment("jane.doe@nhs.net, 07700 900123, SW1A 1AA")).Should().BeOfType<ModerationDecision.Hold>()
            .Which.Reason(rule).Should().Be("Contains what looks like a phone number, an email address and a postcode");

    [Fact]
    public void A_kind_switched_off_in_the_settings_is_not_held()
    {
        var registrar = new RecordingRegistrar();
        new PersonalDataPlugin().Register(registrar);
        var emailsAllowed = registrar.CreateModerationRule("personal-data",
            Settings(("nhsNumbers", true), ("phoneNumbers", true), ("emailAddresses", false), ("postcodes", true)));

        emailsAllowed.Check(Comment("Email jane.doe@nhs.net")).Should().Be(ModerationDecision.Published);
        emailsAllowed.Check(Comment("Call 07700 900123")).Should().BeOfType<ModerationDecision.Hold>();
    }

    [Fact]
    public void Text_without_personal_data_is_published() =>
        rule.Check(Idea("Open the clinic earlier", "Start at 8am, 3 days a week, to cut waits by 20 minutes.")).Should().Be(ModerationDecision.Published);

    [Fact]
    public void Every_set_of_kinds_found_is_worded_in_english_and_welsh()
    {
        string[] kinds = ["nhs-number", "phone-number", "email-address", "postcode"];
        var sets = Enumerable.Range(1, 15).Select(bits => kinds.Where((_, i) => (bits & (1 << i)) != 0)).ToList();
        foreach (var set in sets)
        {
            var text = new PluginText(PersonalDataRule.HeldKey(set));
            Worded.English(rule, text).Should().StartWith("Contains what looks like");
            Worded.In("cy", rule, text).Should().StartWith("Mae'n cynnwys rhywbeth sy'n edrych fel", text.Key);
        }
    }
}
