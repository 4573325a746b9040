namespace Engine.Web.Seeding;

/// <summary>Demo contributions in the voice of NHS staff and patients, for sample sites in development.</summary>
internal static class DemoContent
{
    public static readonly string[] People =
    [
        "Amara Okafor", "Tom Hughes", "Priya Sharma", "Gareth Evans", "Siobhan Kelly", "David Chen",
        "Fatima Begum", "Rachel Green", "Marcus Johnson", "Eleanor Wright", "Kwame Mensah", "Hannah Lewis",
    ];

    public static readonly (string Title, string Body)[] Ideas =
    [
        ("Text patients a live waiting-list position", "Patients ring the booking office to ask where they are on the list. A monthly text with their position and an estimate would free the phone lines and reduce anxiety."),
        ("Pool theatre lists across neighbouring trusts", "Two trusts can share lists for high-volume, low-complexity cases so that an empty session in one fills from the other's waiting list."),
        ("Pre-operative assessment by video", "Most pre-op questions can be covered on a video call. Only patients who need bloods or an ECG come in, and they come in once."),
        ("Prehab classes while people wait for hip and knee surgery", "Strength and balance classes in community centres, run with local leisure services, so people arrive fitter for surgery and recover faster."),
        ("A named contact for everyone on the waiting list", "A single person to call, who knows your case, instead of being passed between departments."),
        ("Discharge planning starts at admission", "Agree the expected date of discharge on day one, and share it with the family and community teams so they can prepare."),
        ("Protected time for theatre team huddles", "Ten minutes before each list for the whole team to plan the day. It saves far more than ten minutes in delays and cancellations."),
        ("Interpreters booked automatically from the referral", "When the referral records a language need, the interpreter should be booked with the appointment, not on the day."),
        ("Weekend diagnostics for routine scans", "Run the CT and MRI scanners at weekends for routine work, and offer patients the choice of a Saturday slot."),
        ("Home before noon: medicines ready the night before", "Prepare take-home medicines the evening before discharge so that patients are not waiting on the ward for pharmacy."),
        ("A shared care record the community team can read", "District nurses should be able to see the discharge summary the moment it is written, not days later."),
        ("Let patients choose to be on a short-notice list", "Some people can come in at a day's notice. A short-notice list fills cancelled slots and shortens their wait."),
    ];

    public static readonly string[] Comments =
    [
        "We tried something like this on our ward and it made a real difference.",
        "How would this work for people without a smartphone?",
        "Love this. Could it be piloted in one specialty first?",
        "As a patient this is exactly what I needed while I was waiting.",
        "The community teams would need to be involved from the start.",
        "Is there any evidence from other regions that this works?",
    ];
}
