namespace Engine.Themes.Pages;

/// <summary>my-data: "Your data": what the site keeps about the member, the download of it, and the way to delete the account.</summary>
/// <param name="DownloadUrl">The zip of everything (JSON and CSV).</param>
public sealed record MyDataPage(PageFrame Frame, MyDataCounts Counts, string DownloadUrl, string DeleteUrl) : IPage;

/// <param name="Ideas">Ideas still linked to the account (named, or anonymous where the policy keeps the link); likewise comments.</param>
public sealed record MyDataCounts(int Ideas, int Comments, int Votes, int Follows, int Tokens);

/// <summary>
/// delete-account: "Delete your account": the member confirms it is them (their password; without one, a code from their
/// authenticator app; with neither, a sign-in in the last few minutes) and chooses what happens to their posts.
/// </summary>
/// <param name="DeleteContributions">The choice to show selected: delete what they posted (true), or keep it under "Former member".</param>
public sealed record DeleteAccountPage(PageFrame Frame, bool DeleteContributions, FieldErrors Errors) : IPage
{
    /// <summary>The member has a password, which the form asks for.</summary>
    public bool AsksPassword { get; init; } = true;
    /// <summary>The member has no password but uses two factors: the form asks for a code.</summary>
    public bool AsksCode { get; init; }
}
