namespace Engine.Web.Seeding;

/// <summary>Home for noon: getting people home from hospital before midday. Fully anonymous posting; a budget of votes.</summary>
internal static class Home4NoonDemo
{
    public static readonly DemoSite Site = new(new Dictionary<string, DemoIdea[]>
    {
        ["people"] =
        [
            new("Agree the expected day of going home on the day of admission", "Patients and families can plan lifts, food and care at home when they know the date from the start."),
            new("A going-home checklist by the bed", "Keys, clothes, medicines, transport, who is collecting me: ticked off the day before, not on the morning itself."),
            new("Families told the evening before so they can collect by eleven", "A phone call the night before means someone is ready to drive in the morning, not mid-afternoon.", Anonymous: true),
            new("A discharge lounge with a kettle and a phone charger", "Waiting for transport in a comfortable lounge frees the bed before noon, and is nicer for the patient."),
        ],
        ["teams"] =
        [
            new("Take-home medicines prepared the night before", "Pharmacy prepares the medicines the evening before discharge so that patients are not waiting on the ward for them.", Anonymous: true),
            new("A board round by nine that decides who goes home today", "Doctors, nurses and therapists decide together first thing, so the work for those going home starts early."),
            new("Hospital transport booked at the board round, not after lunch", "Transport slots before noon go early in the day: book them as soon as the decision is made.", Anonymous: true),
            new("Therapists' going-home assessments done the day before", "A patient should not wait all morning for the stairs assessment that decides whether they can go."),
        ],
        ["organisations"] =
        [
            new("Care packages that can start on any day of the week", "People wait in hospital over the weekend because home care cannot start until Monday."),
            new("One shared discharge plan for the hospital and the council", "Two sets of forms for the same person slow everything down: write the plan once and share it.", Anonymous: true),
            new("Step-down beds in care homes funded jointly", "A few days in a care home bed with therapy lets people leave hospital sooner and go home stronger."),
        ],
    }, [
        "On our ward this would save hours every morning.",
        "Who would own this: the ward or the discharge team?",
        "Our hospital tried this last winter and most patients were home before noon.",
        "The council's teams need to be in the room when this is planned.",
        "This would have made my dad's discharge so much calmer.",
    ]);
}
