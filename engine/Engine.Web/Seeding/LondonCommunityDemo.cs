namespace Engine.Web.Seeding;

/// <summary>London community services: community nursing and therapies. Anonymous posting, revealable by a moderator; thumbs-down on.</summary>
internal static class LondonCommunityDemo
{
    public static readonly DemoSite Site = new(new Dictionary<string, DemoIdea[]>
    {
        ["shared-vision"] =
        [
            new("District nurses should see the discharge summary the moment it is written", "Too often we arrive at a patient's home not knowing what happened in hospital. A shared record we can read on the visit would make care safer."),
            new("Fewer visits squeezed into each district nursing shift", "Caseloads have grown every year. Fifteen-minute visits for wound care leave no time to talk to the patient or their carer.", Anonymous: true),
            new("Community physiotherapy within a week of a fall", "Older people who fall at home lose confidence quickly. Seeing a physio in the first week keeps them walking and out of hospital."),
            new("Occupational therapists assessing homes by video first", "A video call with the family shows most of what is needed, so the first visit brings the right equipment."),
            new("A career path for healthcare assistants in community teams", "Many of our best nurses started as HCAs. Paid training and a clear path would keep them in community services.", Anonymous: true),
        ],
        ["working-together"] =
        [
            new("One referral form for community services across London", "Every borough asks for the same information in a different form. One form, accepted everywhere, would save hours each week."),
            new("Therapists borrowed between boroughs when waiting lists spike", "Speech and language therapy waits vary hugely across the river. Let teams help each other for a few weeks at a time."),
            new("Shared training days for nurses and therapists from different trusts", "Learning together is how we find out what the team next door does well.", Anonymous: true),
            new("Parking permits that work in every borough for community staff", "Staff lose time and money moving between boroughs: a single permit for home visits would help at once."),
        ],
    }, [
        "This would make such a difference to my caseload.",
        "Our team in the east of London does something like this already: happy to share how.",
        "How would the boroughs fund it between them?",
        "As a carer, I would love the nurse to have more time to talk.",
        "Therapists would need to be part of the design from the beginning.",
    ]);
}
