namespace Engine.Core.Stats;

/// <summary>
/// Headline numbers. A person is counted once however they took part (idea, comment or vote,
/// anonymously or not); an interaction is one idea, one comment or one vote.
/// Ideas and comments imported from offline sessions count as ideas and comments, and also on their own
/// (<see cref="ImportedIdeas"/>, <see cref="ImportedComments"/>, from <see cref="Sources"/> sessions); the people
/// who spoke at those sessions never registered, so they are not in <see cref="People"/>.
/// </summary>
public sealed record SiteStats(int People, int Ideas, int Comments, int Votes, int ImportedIdeas = 0, int ImportedComments = 0, int Sources = 0)
{
    public int Interactions => Ideas + Comments + Votes;
}
