namespace Engine.Core.Stats;

/// <summary>
/// Headline numbers. A person is counted once however they took part (idea, comment or vote,
/// anonymously or not); an interaction is one idea, one comment or one vote.
/// </summary>
public sealed record SiteStats(int People, int Ideas, int Comments, int Votes)
{
    public int Interactions => Ideas + Comments + Votes;
}
