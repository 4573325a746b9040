namespace Engine.Web.Seeding;

/// <summary>
/// Solving Together: recovering elective care. Named posts only; ideas also come from a Connect session (a video call)
/// and a tweet chat, imported afterwards; the closed first round's ideas are themed into a big idea on the roadmap.
/// </summary>
internal static class SolvingTogetherDemo
{
    public static readonly DemoSite Site = new(new Dictionary<string, DemoIdea[]>
    {
        ["rethinking-demand"] =
        [
            new("Advice and guidance before every routine referral", "A GP can ask the consultant a question first. Many people can then be treated in primary care and never join the waiting list."),
            new("Let physiotherapists refer straight to orthopaedics", "First-contact physios already see most back and joint problems: let them refer when surgery is the right answer, without another GP appointment."),
            new("Community diagnostic centres open in the evening", "Scans and blood tests near home, after work, so people do not lose a day's pay for a ten-minute test."),
        ],
        ["fair-inclusive-accessible"] =
        [
            new("Interpreters booked automatically from the referral", "When the referral records a language need, the interpreter should be booked with the appointment, not on the day."),
            new("Prioritise by need, not only by time waited", "People whose condition stops them working or caring for others should not wait as long as those who can manage."),
            new("Easy-read letters for every elective appointment", "Plain words and pictures help people with learning disabilities, and everyone else too."),
        ],
        ["boosting-capacity"] =
        [
            new("Pool theatre lists across neighbouring trusts", "Two trusts can share lists for high-volume, low-complexity cases so that an empty session in one fills from the other's waiting list."),
            new("Weekend diagnostics for routine scans", "Run the CT and MRI scanners at weekends for routine work, and offer patients the choice of a Saturday slot."),
            new("Let patients choose to be on a short-notice list", "Some people can come in at a day's notice. A short-notice list fills cancelled slots and shortens their wait."),
        ],
        ["outstanding-theatre-teams"] =
        [
            new("Protected time for theatre team huddles", "Ten minutes before each list for the whole team to plan the day. It saves far more than ten minutes in delays and cancellations."),
            new("Rotate theatre staff through day surgery and main theatres", "Variety keeps skills fresh, and people who have worked in both plan lists better."),
            new("Thank-you notes from patients passed on to the whole team", "Theatre staff rarely hear how the patient got on. A note on the staff room board means a lot."),
        ],
        ["coordinating-elective-care"] =
        [
            new("A named contact for everyone on the waiting list", "A single person to call, who knows your case, instead of being passed between departments."),
            new("Text patients a live waiting-list position", "Patients ring the booking office to ask where they are on the list. A monthly text with their position and an estimate would free the phone lines and reduce anxiety."),
            new("Check in with people every three months while they wait", "A short call or questionnaire finds those who have got worse, so they can be seen sooner."),
        ],
        ["thinking-the-unthinkable"] =
        [
            new("One waiting list for the whole region", "Patients go to whichever hospital can treat them first, with transport paid for, instead of queuing at their nearest."),
            new("Surgical hubs that never cancel for emergencies", "Ring-fenced beds and theatres for planned operations, kept apart from the emergency pressures of the main hospital."),
        ],
        ["hip-and-knee-waits"] =
        [
            new("Prehab classes while people wait for hip and knee surgery", "Strength and balance classes in community centres, run with local leisure services, so people arrive fitter for surgery and recover faster."),
            new("Pain clinics by phone for people on the joint waiting list", "Many people wait in pain because their medicines have not been reviewed since they were referred."),
            new("Loan of walking aids and grab rails before the operation", "Getting the home ready before surgery means people go home sooner afterwards."),
        ],
        ["round-one-waiting-well"] =
        [
            new("Pre-operative assessment by video", "Most pre-op questions can be covered on a video call. Only patients who need bloods or an ECG come in, and they come in once."),
            new("One digital letter with everything about the operation", "Date, what to bring, when to stop eating, who to call: in one place, on the phone, not in four letters."),
            new("A video tour of the day surgery unit", "Seeing the ward and meeting the nurses on film takes away much of the fear of the day."),
            new("Waiting-well packs from the GP practice", "Exercise, diet and mental health support for people on the list, from the practice that knows them."),
        ],
    }, [
        "We tried something like this in our trust and it made a real difference.",
        "How would this work for people without a smartphone?",
        "Love this. Could it be piloted in one specialty first?",
        "As a patient this is exactly what I needed while I was waiting.",
        "Is there any evidence from other regions that this works?",
        "Primary care would need to be involved from the start.",
    ])
    {
        Sessions =
        [
            new("Connect session: waiting lists and primary care", "Jo Bloggs", "coordinating-elective-care", 3,
            [
                ("Practice nurses as waiting-list navigators", "Practice nurses already know the patients: give them time to keep in touch with those on the list.",
                    ["Our practice would welcome this if the time was funded."]),
                ("Share the hospital's waiting times with GP practices each week", "GPs could then tell patients honestly how long they may wait, and refer to a shorter list where one exists.",
                    ["Several people on the call agreed this would save repeat appointments.", "Patient representatives asked for the same times on the trust's website."]),
            ]),
            new("Tweet chat #SolvingTogether", "Sam Patel", "fair-inclusive-accessible", 6,
            [
                ("Ask patients how they want to be contacted", "Text, email, phone or letter: record it once and use it for every appointment.",
                    ["Lots of likes for this one during the chat."]),
                ("Evening clinics for people who cannot take time off", "Shift workers and carers miss daytime appointments and then go back to the bottom of the list.", []),
            ]),
        ],
        News =
        [
            new("Over 8,000 people have joined Solving Together", "Thank you: your ideas are being read by the teams who run elective care.",
                "Since the challenges opened, people from across the country have shared ideas, voted and commented. Community managers are replying to every comment, and the ideas from the first round have been themed into big ideas."),
            new("The first round's big ideas are being prototyped", "Pre-operative assessment by video is the first big idea to move to prototyping.",
                "The ideas from round one were grouped into themes by the programme team. One theme, getting ready for surgery from home, has become a big idea and is now being prototyped with two trusts. Follow it on the roadmap."),
        ],
        BigIdea = new("round-one-waiting-well", "Getting ready for surgery from home",
            "Ideas that let people prepare for their operation without extra trips to hospital.",
            ["Pre-operative assessment by video", "One digital letter with everything about the operation", "A video tour of the day surgery unit"],
            "Ready for surgery, from home", "Pre-operative assessment, information and reassurance, delivered to people where they live.",
            "Most preparation for planned surgery can happen at home: assessment by video, one clear digital letter, and a film of the unit. Two trusts are prototyping it this winter.",
            "prototyping"),
    };
}
