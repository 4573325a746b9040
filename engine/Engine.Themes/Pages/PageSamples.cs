namespace Engine.Themes.Pages;

/// <summary>
/// A model of every page the engine renders, twice: <see cref="Full"/> (a signed-in member of the team, every
/// optional value present, even where the engine would not set two together, and every list with two items) and <see cref="Empty"/> (a visitor, every optional value
/// null, every list empty). The theme checker renders each page against both with strict variables, so a
/// template that names a variable no page has, or breaks on a missing one, is caught before any tenant uses it.
/// </summary>
public static class PageSamples
{
    /// <summary>Every page with both of its samples, full first.</summary>
    /// <param name="language">The language the pages are in: the checker renders English; a test renders each language a theme ships.</param>
    public static IReadOnlyList<(string Page, IPage Model)> All(string language = "en") =>
        [.. Full(language).Select(s => (s.Page, s.Model)), .. Empty(language).Select(s => (s.Page, s.Model))];

    public static IReadOnlyList<(string Page, IPage Model)> Full(string language = "en")
    {
        var site = Site(language) with
        {
            Languages = [new LanguageLink("en", "English", "https://north-east.example/north-east/?lang=en", language == "en"),
                new LanguageLink("cy", "Cymraeg", "https://north-east.example/north-east/?lang=cy", language == "cy")],
        };
        var error = new ErrorView("body", "Enter your comment: it cannot be empty.");
        PageFrame Frame(string title, ErrorView? shown = null) => Member(site, title, shown ?? error);
        var challenge = OpenChallenge(site);
        // Every branch of a template renders: a closed challenge's "closes" too.
        var closed = ClosedChallenge(site) with { Closes = "Closed 5 weeks ago" };
        var ideas = TwoIdeas(site);
        return
        [
            ("index", new IndexPage(Frame("Home"), [challenge, OpenChallenge(site, "clinic-letters", "Clearer clinic letters")], [closed, closed with { Title = "Safe discharge" }], Stats("Solving Together in numbers"))),
            ("challenge", new ChallengePage(Frame(challenge.Title), challenge, ideas, 42, "You have 3 of 10 votes left in this challenge.",
                [new SortTab("Top", $"{challenge.Url}?sort=top", true), new SortTab("Newest", $"{challenge.Url}?sort=new", false)],
                new PaginationView(2, 3, $"{challenge.Url}?sort=top&page=1", $"{challenge.Url}?sort=top&page=3"),
                new FollowView(true, $"{challenge.Url}/follow", "challenge"), Stats($"{challenge.Title} in numbers"), $"{challenge.Url}/big-ideas",
                new FilterView(challenge.Url, "top",
                    new List<FieldInputView> { new("status", "Status", false, new List<ChoiceView> { new("new", "New", false), new("shortlisted", "Shortlisted", true) }, "shortlisted", "Choose a status from the list."),
                     new("fields.role", "I am a", false, new List<ChoiceView> { new("patient", "patient", false), new("carer", "carer", true) }, "carer", "Choose an answer from the list.") },
                    true, $"{challenge.Url}?sort=top", Withheld: false))),
            ("idea", new IdeaPage(Frame(ideas[0].Title, error), ideas[0], challenge,
                new MergedIdeaView(7, "Text reminders the day before an appointment", $"{site.BasePath}/ideas/7"),
                [new DuplicateView(31, "SMS reminders", $"{site.BasePath}/ideas/31", "1 comment"),
                    new DuplicateView(32, "Remind people by text", $"{site.BasePath}/ideas/32", "4 comments")],
                [new GroupingView("Keeping in touch while waiting", $"{challenge.Url}/big-ideas#theme-3", new LinkView("A waiting-list companion", $"{site.BasePath}/big-ideas/2")),
                    new GroupingView("Reminders", $"{challenge.Url}/big-ideas#theme-4", new LinkView("Fewer missed appointments", $"{site.BasePath}/big-ideas/5"))],
                TwoComments(), $"{site.BasePath}/ideas/{ideas[0].Id}/comments", new FollowView(false, $"{site.BasePath}/ideas/{ideas[0].Id}/follow", "idea"),
                "You have 3 of 10 votes left in this challenge.", true, new CommentForm("I would add a phone number to call back.", true, 12, "cy"),
                AllFieldErrors(), new EditedView("5 minutes ago", "2026-12-06T09:57:00.0000000+00:00"),
                new YourIdeaView($"{site.BasePath}/ideas/{ideas[0].Id}/edit", $"{site.BasePath}/ideas/{ideas[0].Id}/withdraw"))
                { Answers = new List<AnswerView> { new("Category", "Getting an appointment"), new("I am a", "carer") }, Codes = new List<CodeView> { new("Access to care"), new("Parking") }, Images = SampleImages(site, ideas[0].Id), Languages = new List<LanguageOption> { new("en", "English", false), new("cy", "Cymraeg", true) } }),
            ("edit", new EditPage(Frame("Edit your idea", new ErrorView("title", "Enter a title of 5 to 150 characters.")), true,
                new EditForm("A waiting-room app", "Tell people where they are in the queue."), $"{site.BasePath}/ideas/{ideas[0].Id}/edit",
                $"{site.BasePath}/ideas/{ideas[0].Id}", "minutes", 30, AllFieldErrors())
                { Images = SampleImages(site, ideas[0].Id).Select(i => new RemovableImageView(i, i.Url.Replace("/display", "/remove"))).ToList() }),
            ("new-idea", new NewIdeaPage(Frame($"Share an idea: {challenge.Title}", new ErrorView("title", "Enter a title of 5 to 120 characters.")), challenge, new IdeaForm("A waiting-room app", "Tell people where they are in the queue.", true, "cy"),
                $"{site.BasePath}/api/v1/challenges/{challenge.Slug}/similar-ideas", AllFieldErrors(),
                new List<LanguageOption> { new("en", "English", false), new("cy", "Cymraeg", true) },
                new List<FieldInputView> { new("fields.role", "I am a", true, new List<ChoiceView> { new("patient", "patient", false), new("carer", "carer", true) }, "carer", "Choose an answer from the list."),
                 new("fields.organisation", "Your organisation or area", false, new List<ChoiceView> { new("york", "York", true), new("leeds", "Leeds", false) }, "York", "Enter at most 100 characters.") })),
            ("register", new RegisterPage(Frame("Create an account", new ErrorView("password", "Passwords must be at least 12 characters.")), new RegisterForm("sam.jones@example.nhs.uk", "Sam Jones", $"{site.BasePath}/challenges/waiting-well"),
                AllFieldErrors())),
            ("signin", new SignInPage(Frame("Sign in", new ErrorView("password", "The email address or password is not right.")), new SignInForm("sam.jones@example.nhs.uk", $"{site.BasePath}/ideas/12",
                "Check your email: we have sent a message to the address you gave. If it is new here, your account is ready: sign in with the password you chose.")
                { Providers = new List<SignInProvider> { new("Sign in with NHSmail", $"{site.BasePath}/account/external/nhsmail?returnUrl=%2Fideas%2F12") } },
                AllFieldErrors())),
            ("confirm-email", new ConfirmEmailPage(Frame("Confirm your email address", new ErrorView("token", "This link does not work.")), new EmailLinkForm(12, "CfDJ8Nq2"), AllFieldErrors())),
            ("forgot-password", new ForgotPasswordPage(Frame("Reset your password", new ErrorView("email", "Enter the email address you registered with, like name@example.nhs.uk.")), new ForgotPasswordForm("sam.jones@example"),
                AllFieldErrors())),
            ("reset-password", new ResetPasswordPage(Frame("Choose a new password", new ErrorView("password", "Passwords must be at least 12 characters.")), new EmailLinkForm(12, "CfDJ8Nq2"),
                AllFieldErrors())),
            ("message", new MessagePage(Frame("Thank you for your report"), "Thank you for your report", "A moderator will look at it.")),
            ("search", new SearchPage(Frame("Search: reminders", new ErrorView("q", "Type at most 200 characters.")), "reminders", true,
                [new ChallengeOption(challenge.Slug, challenge.Title, true), new ChallengeOption("home-first", "Home first", false)],
                AllFieldErrors(),
                [new SearchResult(ideas[0], challenge.Title), new SearchResult(ideas[1], challenge.Title)], "23 ideas found",
                new PaginationView(2, 3, $"{site.BasePath}/search?q=reminders&page=1", $"{site.BasePath}/search?q=reminders&page=3"))),
            ("numbers", new NumbersPage(Frame("About the numbers"), Stats("Solving Together in numbers"),
                [new ChallengeNumbers(challenge.Title, challenge.Url, Stats($"{challenge.Title} in numbers")), new ChallengeNumbers("Home first", $"{site.BasePath}/challenges/home-first", Stats("Home first in numbers"))],
                [new DefinitionView("People", "Everyone who has taken part: posted an idea, commented or voted."),
                    new DefinitionView("Votes", "Votes standing on ideas that are on the site: one per person per idea.")],
                [new BreakdownView(challenge.Title, "I am a", new List<BreakdownRow> { new("patient", 40, 31), new("carer", 12, 9) }, true),
                    new BreakdownView(challenge.Title, "Category", new List<BreakdownRow> { new("Getting an appointment", 20, 17), new("Other", 6, 5) }, false)])),
            ("news", new NewsPage(Frame("News"), [NewsPost(site, 4, true), NewsPost(site, 3, true)], $"{site.BasePath}/news/feed.atom")),
            ("news-item", new NewsItemPage(Frame("The challenge is open"), NewsPost(site, 4, true), $"{site.BasePath}/news")),
            ("roadmap", new RoadmapPage(Frame("Roadmap"),
            [
                new RoadmapStageView("themed", "Themed", "Grouped with ideas that say the same kind of thing, after the challenge closed.", "2 big ideas, 2 ideas", false,
                    [BigIdeaOnRoadmap(site, 2), BigIdeaOnRoadmap(site, 5)], ideas),
                new RoadmapStageView("prototyping", "Prototyping", "Being tried out in a first, small version.", "2 big ideas, 2 ideas", false,
                    [BigIdeaOnRoadmap(site, 6), BigIdeaOnRoadmap(site, 8)], ideas),
            ])),
            ("tokens", new TokensPage(Frame("Sign-ins and tokens", new ErrorView("days", "Choose between 1 and 365 days.")),
                [new TokenView(3, "Spreadsheet import", "1 December 2026", "31 December 2026", "5 December 2026"),
                    new TokenView(4, "Reporting script", "2 December 2026", "1 January 2027", "6 December 2026")],
                "eng_pat_7Hq2xVb9sK3mW4pZ", new TokenForm("Reporting script", 30, 365), AllFieldErrors())
            {
                Sessions = [new SessionView("5f1c2a", "6 December 2026 at 09:15", "Password and code", "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0", true),
                    new SessionView("9b7e41", "2 December 2026 at 18:02", "Sign in with NHSmail", "Mozilla/5.0 (iPhone) Safari/604.1", false)],
            }),
            ("two-factor", new TwoFactorPage(Frame("Two-factor authentication", new ErrorView("code", "That code is not right, or it has expired.")), true,
                new TwoFactorEnrolment($"{site.BasePath}/account/two-factor/qr.svg", "JBSW Y3DP EHPK 3PXP", "otpauth://totp/Solving%20Together:sam.jones%40example.nhs.uk?secret=JBSWY3DPEHPK3PXP&issuer=Solving%20Together&digits=6"),
                [new RecoveryCodeView("7KQ2X-MX4PB"), new RecoveryCodeView("B9TDC-2HCWQ")], 8, true, AllFieldErrors())
                { Passkeys = new List<PasskeyView> { new("q1Xz3vN0aB8", "Work laptop", "6 December 2026, 09:15"), new("Zk4pR7tY2mE", "Phone", "2 December 2026, 18:02") } }),
            ("signin-code", new SignInCodePage(Frame("Enter your code", new ErrorView("code", "That code is not right, or it has expired.")), $"{site.BasePath}/ideas/12", AllFieldErrors())),
            ("big-idea", new BigIdeaPage(Frame("A waiting-list companion"), challenge, BigIdea(site, 2, withDescription: true), TwoThemes(site, ideas),
                "4 source ideas", $"{challenge.Url}/big-ideas")),
            ("big-ideas", new BigIdeasPage(Frame($"Themes and big ideas: {challenge.Title}"), challenge,
                [BigIdea(site, 2, withDescription: true), BigIdea(site, 5, withDescription: true)], TwoThemes(site, ideas))),
            ("contributions", new ContributionsPage(Frame("Your contributions"),
            [
                new ContributionView("idea-12", "Idea", "Text reminders the day before", "People forget appointments made months ago.", $"{site.BasePath}/ideas/12",
                    "published", "Published", true, false, "Your account was blocked by a moderator.", "Posted anonymously: your name is not shown.",
                    "3 days ago", "2026-12-03T10:15:00.0000000+00:00"),
                new ContributionView("comment-40", "Comment", "Comment on “Text reminders the day before”", "And a number to call back.", $"{site.BasePath}/ideas/12#comment-40",
                    "held", "Waiting for a moderator", false, true, "Names a member of staff.", "Posted fully anonymously: nobody else can see it is yours.",
                    "2 hours ago", "2026-12-06T08:02:00.0000000+00:00"),
            ], new ContributionCounts(2, 1, 0, 0))),
            ("email-preferences", new EmailPreferencesPage(Frame("Email preferences", new ErrorView("digest", "Choose how often to get the digest: never, daily or weekly.")), "sam.jones@example.nhs.uk", false, true,
                [new EmailChoice("replies", "Replies", "When someone comments on your idea or replies to your comment.", true),
                    new EmailChoice("adminUpdates", "News from the team", "Updates the site's team sends to members.", false)],
                [new DigestChoice("none", "Never", false), new DigestChoice("weekly", "Weekly", true)],
                AllFieldErrors())),
            ("unsubscribe", new UnsubscribePage(Frame("Unsubscribe"), "CfDJ8Nq2-unsubscribe", "replies to your ideas and comments")),
            ("my-data", new MyDataPage(Frame("Your data"), new MyDataCounts(2, 5, 14, 3, 1), $"{site.BasePath}/account/data/download",
                $"{site.BasePath}/account/delete")),
            ("delete-account", new DeleteAccountPage(Frame("Delete your account", new ErrorView("password", "That password is not right.")), true, AllFieldErrors())),
        ];
    }

    public static IReadOnlyList<(string Page, IPage Model)> Empty(string language = "en")
    {
        var site = Site(language) with { Tagline = null, LogoUrl = null, AnonymousPosting = false, DownVotes = false };
        PageFrame Frame(string title) => Visitor(site, title);
        var challenge = ClosedChallenge(site) with { Description = null, ClosesOn = null, ClosesAt = null, IdeaCount = 0, IdeaCountLabel = "0 ideas" };
        var idea = Idea(site, 12, "Text reminders the day before", body: false) with { AuthorName = null, Source = null, StatusNote = null, Label = null, Lang = null };
        var noStats = new StatsView(0, 0, 0, 0, 0, 0, null);
        var none = FieldErrors.None;
        return
        [
            ("index", new IndexPage(Frame("Home"), No<ChallengeView>(), No<ChallengeView>(), noStats)),
            ("challenge", new ChallengePage(Frame(challenge.Title), challenge, No<IdeaView>(), 0, null, No<SortTab>(), new PaginationView(1, 1, null, null), null, noStats, null)),
            ("idea", new IdeaPage(Frame(idea.Title), idea, challenge, null, No<DuplicateView>(), No<GroupingView>(), No<CommentView>(), $"{site.BasePath}/ideas/12/comments", null, null, false,
                new CommentForm(null, false, null), none)),
            ("edit", new EditPage(Frame("Edit your comment"), false, new EditForm(null, null), $"{site.BasePath}/comments/40/edit",
                $"{site.BasePath}/ideas/12#comment-40", "until-first-reaction", 0, none)),
            ("new-idea", new NewIdeaPage(Frame($"Share an idea: {challenge.Title}"), challenge, new IdeaForm(null, null, false),
                $"{site.BasePath}/api/v1/challenges/{challenge.Slug}/similar-ideas", none, No<LanguageOption>(), No<FieldInputView>())),
            ("register", new RegisterPage(Frame("Create an account"), new RegisterForm(null, null, null), none)),
            ("signin", new SignInPage(Frame("Sign in"), new SignInForm(null, null, null), none)),
            ("confirm-email", new ConfirmEmailPage(Frame("Confirm your email address"), new EmailLinkForm(null, null), none)),
            ("forgot-password", new ForgotPasswordPage(Frame("Reset your password"), new ForgotPasswordForm(null), none)),
            ("reset-password", new ResetPasswordPage(Frame("Choose a new password"), new EmailLinkForm(null, null), none)),
            ("message", new MessagePage(Frame("Page not found"), "Page not found", "If you typed the web address, check it is correct.")),
            ("search", new SearchPage(Frame("Search ideas"), null, false, No<ChallengeOption>(), none, No<SearchResult>(), null, null)),
            ("numbers", new NumbersPage(Frame("About the numbers"), noStats, No<ChallengeNumbers>(), No<DefinitionView>(), No<BreakdownView>())),
            ("news", new NewsPage(Frame("News"), No<NewsPostView>(), $"{site.BasePath}/news/feed.atom")),
            ("news-item", new NewsItemPage(Frame("The challenge is open"), NewsPost(site, 4, false) with { Summary = null }, $"{site.BasePath}/news")),
            ("roadmap", new RoadmapPage(Frame("Roadmap"), No<RoadmapStageView>())),
            ("tokens", new TokensPage(Frame("Sign-ins and tokens"), No<TokenView>(), null, new TokenForm(null, 30, 365), none)),
            ("two-factor", new TwoFactorPage(Frame("Two-factor authentication"), false, null, No<RecoveryCodeView>(), 0, false, none)),
            ("signin-code", new SignInCodePage(Frame("Enter your code"), null, none)),
            ("big-idea", new BigIdeaPage(Frame("A waiting-list companion"), challenge, BigIdea(site, 2, withDescription: false) with { Summary = null }, No<IdeaThemeView>(),
                "0 source ideas", $"{challenge.Url}/big-ideas")),
            ("big-ideas", new BigIdeasPage(Frame($"Themes and big ideas: {challenge.Title}"), challenge, No<BigIdeaView>(), No<IdeaThemeView>())),
            ("contributions", new ContributionsPage(Frame("Your contributions"), No<ContributionView>(), new ContributionCounts(0, 0, 0, 0))),
            ("email-preferences", new EmailPreferencesPage(Frame("Email preferences"), "sam.jones@example.nhs.uk", true, false, No<EmailChoice>(), No<DigestChoice>(), none)),
            ("unsubscribe", new UnsubscribePage(Frame("Unsubscribe"), "CfDJ8Nq2-unsubscribe", "all emails except the ones you ask for (password resets)")),
            ("my-data", new MyDataPage(Frame("Your data"), new MyDataCounts(0, 0, 0, 0, 0), $"{site.BasePath}/account/data/download",
                $"{site.BasePath}/account/delete")),
            ("delete-account", new DeleteAccountPage(Frame("Delete your account"), false, none) { AsksPassword = false }),
        ];
    }

    // A List, as the engine's own pages hand themes: Scriban reads no .size of an array under strict variables.
    private static List<T> No<T>() => [];

    private static SiteView Site(string language) => new("north-east", "Solving Together", "Ideas to improve care in the North East", language, "/north-east",
        "/north-east/media/logo.svg", "/north-east/theme", "/north-east/site.css?v=005eb8ffb81c", AnonymousPosting: true, DownVotes: true);

    private static PageFrame Member(SiteView site, string title, ErrorView error) => new(title, site, new UserView("Sam Jones", "moderator", IsTeam: true),
        new AntiforgeryView("__RequestVerificationToken", "RequestVerificationToken", "CfDJ8Nq2-antiforgery"),
        $"{site.BasePath}/challenges/waiting-well?sort=top", Uri.EscapeDataString($"{site.BasePath}/challenges/waiting-well?sort=top"), error)
    {
        Description = "Text patients their place on the waiting list, and update it every week.",
        SignedIn = true,
    };

    private static PageFrame Visitor(SiteView site, string title) => new(title, site, null, null, $"{site.BasePath}/", Uri.EscapeDataString($"{site.BasePath}/"));

    private static ChallengeView OpenChallenge(SiteView site, string slug = "waiting-well", string title = "Waiting well for planned care") => new(slug,
        title, "How can we help people stay well while they wait for an operation?", "open", IsOpen: true, IsClosed: false, "Closes in 8 days",
        "14 December 2026", "2026-12-14T17:00:00.0000000+00:00", 42, "42 ideas", $"{site.BasePath}/challenges/{slug}",
        $"{site.BasePath}/challenges/{slug}/ideas/new");

    private static ChallengeView ClosedChallenge(SiteView site) => new("home-first", "Home first", "Getting people home from hospital sooner.",
        "closed", IsOpen: false, IsClosed: true, null, "1 November 2026", "2026-11-01T17:00:00.0000000+00:00", 1, "1 idea",
        $"{site.BasePath}/challenges/home-first", $"{site.BasePath}/challenges/home-first/ideas/new");

    private static IReadOnlyList<IdeaView> TwoIdeas(SiteView site) =>
        [Idea(site, 12, "Text reminders the day before", body: true),
         Idea(site, 15, "A named contact while you wait", body: true) with { VotedUp = false, VotedDown = true, Label = "Needs 3 more votes" }];

    private static IdeaView Idea(SiteView site, long id, string title, bool body) => new(id, $"{site.BasePath}/ideas/{id}", $"{site.BasePath}/ideas/{id}/vote",
        title, "People forget appointments made months ago. A text the day before, with a link to rebook, would free slots for others.",
        body ? new Html("<p>People forget appointments made months ago.</p>\n<p>A text the day before, with a <a href=\"/rebook\">link to rebook</a>.</p>") : null,
        "Priya Shah", Anonymous: false, "From Connect session, 12 May 2026, facilitated by Jo Bloggs", 14, 2, 12, 3, "3 comments", "Under review", "under-review",
        "We are talking to the booking team about this.", "3 days ago", "2026-12-03T10:15:00.0000000+00:00", VotedUp: true, VotedDown: false,
        Label: "Shortlisted", Lang: "en-GB");

    private static IReadOnlyList<CommentView> TwoComments()
    {
        CommentView Comment(long id, string author, bool official, IReadOnlyList<CommentView> replies) => new(id,
            new Html("<p>Yes, and include a <strong>number to call</strong> back.</p>"), author, Anonymous: false,
            "From tweet chat, 3 June 2026", "2 hours ago", "2026-12-06T08:02:00.0000000+00:00", official, replies,
            new EditedView("1 hour ago", "2026-12-06T09:02:00.0000000+00:00"), $"/north-east/comments/{id}/edit", "cy-GB");
        return
        [
            Comment(40, "Alex Brown", false, [Comment(41, "The Solving Together team", true, No<CommentView>()), Comment(42, "Sam Jones", false, No<CommentView>())]),
            Comment(43, "Chris Green", true, [Comment(44, "Priya Shah", false, No<CommentView>()), Comment(45, "Alex Brown", false, No<CommentView>())]),
        ];
    }

    private static StatsView Stats(string? label) => new(812, 392, 1_604, 9_870, 11_866, 37, label);

    private static FieldErrors AllFieldErrors() => new("Something went wrong with the form.", "Enter a title of 5 to 120 characters.",
        "Enter your idea: it cannot be empty.", "This site does not take anonymous posts.", "Choose a challenge from the list.",
        "Type at most 200 characters.", "Enter an email address like name@example.nhs.uk.", "Passwords must be at least 12 characters.",
        "Enter the name to show beside your ideas.", "Choose how often to get the digest: never, daily or weekly.", "Give the token a name.",
        "Choose between 1 and 365 days.", "That code is not right, or it has expired.",
        "That passkey does not sign in to an account on this site.", "An idea carries at most 3 images.",
        "photo.jpg is not a JPEG, PNG or WebP image.", "scan.png could not be read whole: it is damaged or cut short.",
        "map.webp is at most 10 MB.", "Describe image 1 in a sentence.", "Describe image 2 in a sentence.", "Describe image 3 in a sentence.");

    private static NewsPostView NewsPost(SiteView site, long id, bool body) => new(id, "The challenge is open", "Tell us how to help people wait well.",
        $"{site.BasePath}/news/{id}", "16 November 2026", "2026-11-16T09:00:00.0000000+00:00",
        body ? new Html("<p>From today, <em>Waiting well</em> takes your ideas.</p>") : null);

    private static RoadmapBigIdeaView BigIdeaOnRoadmap(SiteView site, long id) => new("A waiting-list companion", "One place to see where you are in the queue.",
        $"{site.BasePath}/big-ideas/{id}", "Waiting well for planned care", "2 themes");

    private static BigIdeaView BigIdea(SiteView site, long id, bool withDescription) => new(id, "A waiting-list companion",
        "One place to see where you are in the queue.", withDescription ? new Html("<p>Built from <strong>two themes</strong>.</p>") : null,
        $"{site.BasePath}/big-ideas/{id}", "2 themes");

    private static IReadOnlyList<IdeaThemeView> TwoThemes(SiteView site, IReadOnlyList<IdeaView> ideas) =>
    [
        new(3, "Keeping in touch while waiting", "Ideas about hearing from the hospital.", new LinkView("A waiting-list companion", $"{site.BasePath}/big-ideas/2"), ideas),
        new(4, "Reminders", "Ideas about reminders.", new LinkView("Fewer missed appointments", $"{site.BasePath}/big-ideas/5"), ideas),
    ];

    /// <summary>Two images on an idea, as the idea's page shows them.</summary>
    private static IReadOnlyList<ImageView> SampleImages(SiteView site, long ideaId) =>
    [
        new($"{site.BasePath}/ideas/{ideaId}/images/1/display", $"{site.BasePath}/ideas/{ideaId}/images/1/thumbnail",
            "A waiting room with a screen showing each person's place in the queue", 1200, 800),
        new($"{site.BasePath}/ideas/{ideaId}/images/2/display", $"{site.BasePath}/ideas/{ideaId}/images/2/thumbnail",
            "A text message giving a place in the queue", 600, 1200),
    ];
}
