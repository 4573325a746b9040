using Engine.Core.Challenges;
using Engine.Core.Comments;
using Engine.Core.Ideas;
using Engine.Core.Moderation;
using Engine.Core.Tenancy;
using Engine.Core.Votes;
using Engine.Sdk;

namespace Engine.Core.Tests.Stores;

// The reads the use cases under test make, over lists held in memory. What a use case should never call throws, so a
// test notices when it starts to.

public sealed class InMemoryChallenges(params Challenge[] challenges) : IChallengeStore
{
    /// <summary>How many times a challenge was read by its address.</summary>
    public int SlugReads { get; private set; }

    /// <summary>How many times the site's list was read.</summary>
    public int ListReads { get; private set; }

    public Task<IReadOnlyList<Challenge>> ListAsync(string tenantId, CancellationToken ct = default)
    {
        ListReads++;
        return Task.FromResult<IReadOnlyList<Challenge>>(challenges.Where(c => c.TenantId == tenantId).OrderBy(c => c.Position).ToList());
    }

    public Task<Challenge?> FindBySlugAsync(string tenantId, string slug, CancellationToken ct = default)
    {
        SlugReads++;
        return Task.FromResult(challenges.FirstOrDefault(c => c.TenantId == tenantId && c.Slug == slug));
    }

    public Task<Challenge?> FindByIdAsync(string tenantId, long id, CancellationToken ct = default) =>
        Task.FromResult(challenges.FirstOrDefault(c => c.TenantId == tenantId && c.Id == id));

    public Task SyncAsync(string tenantId, IReadOnlyList<ChallengeDefinition> definitions, CancellationToken ct = default) => throw new NotSupportedException();
    public Task<bool> SaveAsync(string tenantId, ChallengeDefinition challenge, bool create, CancellationToken ct = default) => throw new NotSupportedException();
    public Task<bool> ReorderAsync(string tenantId, IReadOnlyList<string> slugs, CancellationToken ct = default) => throw new NotSupportedException();
}

/// <summary>One tenant's published ideas.</summary>
public sealed class InMemoryIdeas(string tenantId, params Idea[] ideas) : IIdeaStore
{
    public Task<Idea?> FindAsync(string tenant, long id, CancellationToken ct = default) =>
        Task.FromResult(tenant == tenantId ? ideas.FirstOrDefault(i => i.Id == id) : null);

    public Task<IReadOnlyList<Idea>> FindManyAsync(string tenant, IReadOnlyList<long> ids, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<Idea>>(tenant == tenantId ? ids.SelectMany(id => ideas.Where(i => i.Id == id)).ToList() : []);

    public Task<long> AddAsync(string tenant, long challengeId, Admission admission, NewIdea idea, DateTimeOffset now, CancellationToken ct = default) =>
        throw new NotSupportedException();
    public Task<IReadOnlyList<IdeaTally>> TalliesAsync(string tenant, long challengeId, CancellationToken ct = default) => throw new NotSupportedException();
}

/// <summary>One tenant's published comments.</summary>
public sealed class InMemoryComments(string tenantId, params Comment[] comments) : ICommentStore
{
    public Task<IReadOnlyList<Comment>> ListForIdeaAsync(string tenant, long ideaId, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<Comment>>(tenant == tenantId ? comments.Where(k => k.IdeaId == ideaId).OrderBy(k => k.Id).ToList() : []);

    public Task<Comment?> FindAsync(string tenant, long id, CancellationToken ct = default) =>
        Task.FromResult(tenant == tenantId ? comments.FirstOrDefault(k => k.Id == id) : null);

    public Task<long> AddAsync(string tenant, long ideaId, Admission admission, NewComment comment, DateTimeOffset now, CancellationToken ct = default) =>
        throw new NotSupportedException();
}

/// <summary>One tenant's votes: (member, idea) to the value given.</summary>
public sealed class InMemoryVotes(string tenantId) : IVoteStore
{
    public Dictionary<(long MemberId, long IdeaId), int> Given { get; } = [];
    public int Reads { get; private set; }

    public Task<IReadOnlyDictionary<long, int>> MyVotesAsync(string tenant, long memberId, IReadOnlyCollection<long> ideaIds, CancellationToken ct = default)
    {
        Reads++;
        return Task.FromResult<IReadOnlyDictionary<long, int>>(tenant != tenantId ? new Dictionary<long, int>() : Given
            .Where(v => v.Key.MemberId == memberId && ideaIds.Contains(v.Key.IdeaId)).ToDictionary(v => v.Key.IdeaId, v => v.Value));
    }

    public Task<VoteTally> CastAsync(string tenant, long ideaId, long memberId, int value, DateTimeOffset now, CancellationToken ct = default) =>
        throw new NotSupportedException();
    public Task<VoteTally?> CastIfUnchangedAsync(string tenant, long ideaId, long memberId, long challengeId, int value, DateTimeOffset now,
        IReadOnlyDictionary<long, int> decidedOn, CancellationToken ct = default) => throw new NotSupportedException();
    public Task<VoteTally> RemoveAsync(string tenant, long ideaId, long memberId, CancellationToken ct = default) => throw new NotSupportedException();
    public Task<IReadOnlyDictionary<long, int>> MyVotesInChallengeAsync(string tenant, long memberId, long challengeId, CancellationToken ct = default) =>
        throw new NotSupportedException();
}
