using Engine.Core.Comments;
using Engine.Core.Following;
using Engine.Core.Ideas;
using Engine.Core.Moderation;
using Engine.Core.Tenancy;
using Engine.Sdk;
using Microsoft.Extensions.Logging;

namespace Engine.Core.Email;

/// <summary>
/// Turns what happens on a site into queued emails: replies, official responses, status changes and big ideas.
/// Each goes only to members who want that kind (and have confirmed their address), never to the person who
/// caused it. Queuing happens after the contribution or decision is committed and never fails it: a storage
/// error here is logged, and the contribution stands.
/// </summary>
public sealed class Notifications(IEmailStore emails, IFollowStore follows, IIdeaStore ideas, ICommentStore comments,
    IModerationStore authors, IEmailLinks links, IEmailComposer composer, TimeProvider clock, ILogger<Notifications> logger,
    Challenges.IChallengeStore challenges, Challenges.IViewers viewers)
{
    /// <summary>A comment was published: its idea's author (or the parent comment's) hears; an official response also reaches the idea's followers.</summary>
    public Task CommentPublishedAsync(TenantDefinition tenant, long commentId, long posterId, CancellationToken ct = default) =>
        Guard(tenant, "comment", commentId, async () =>
        {
            var comment = await comments.FindAsync(tenant.Id, commentId, ct);
            if (comment is null) return;
            var idea = await ideas.FindAsync(tenant.Id, comment.IdeaId, ct);
            if (idea is null) return;
            var ideaAuthor = (await authors.AuthorOfAsync(tenant.Id, ContributionKind.Idea, idea.Id, ct))?.MemberId;
            var parentAuthor = comment.ParentId is { } pid ? (await authors.AuthorOfAsync(tenant.Id, ContributionKind.Comment, pid, ct))?.MemberId : null;
            var url = $"{links.Site(tenant)}/ideas/{idea.Id}#comment-{comment.Id}";
            if (comment.Official)
            {
                var to = (await follows.FollowersAsync(tenant.Id, FollowKind.Idea, idea.Id, ct)).ToHashSet();
                if (ideaAuthor is { } a) to.Add(a);
                if (parentAuthor is { } p) to.Add(p);
                to.Remove(posterId);
                await SendAsync(tenant, EmailKind.OfficialResponse, await InAudienceAsync(tenant, idea.ChallengeId, to, ct), r =>
                    EmailContents.OfficialResponse(r.DisplayName, idea.Title, comment.Author?.DisplayName ?? "A member", comment.Body, url), ct);
                return;
            }
            var recipient = comment.ParentId is null ? ideaAuthor : parentAuthor;
            if (recipient is not { } r0 || r0 == posterId) return;
            await SendAsync(tenant, EmailKind.Reply, await InAudienceAsync(tenant, idea.ChallengeId, [r0], ct), r =>
                EmailContents.Reply(r.DisplayName, idea.Title, comment.Author?.DisplayName, comment.ParentId is not null, comment.Body, url), ct);
        });

    /// <summary>An idea moved along the roadmap: its followers hear (its author follows it unless they stopped).</summary>
    public Task StatusChangedAsync(TenantDefinition tenant, long ideaId, long actorId, CancellationToken ct = default) =>
        Guard(tenant, "idea", ideaId, async () =>
        {
            var idea = await ideas.FindAsync(tenant.Id, ideaId, ct);
            if (idea is null) return; // held or gone: nobody else may hear of it
            var to = (await follows.FollowersAsync(tenant.Id, FollowKind.Idea, ideaId, ct)).Where(m => m != actorId).ToList();
            var url = $"{links.Site(tenant)}/ideas/{ideaId}";
            await SendAsync(tenant, EmailKind.StatusChange, await InAudienceAsync(tenant, idea.ChallengeId, to, ct), r =>
                EmailContents.StatusChange(r.DisplayName, idea.Title, idea.Author?.DisplayName, idea.Status, idea.StatusNote, url), ct);
        });

    /// <summary>Ideas became part of a big idea (their theme joined it): each idea's followers hear.</summary>
    public async Task JoinedBigIdeaAsync(TenantDefinition tenant, IReadOnlyList<long> ideaIds, long bigIdeaId, string bigIdeaTitle, long actorId, CancellationToken ct = default)
    {
        foreach (var ideaId in ideaIds)
            await Guard(tenant, "idea", ideaId, async () =>
            {
                var idea = await ideas.FindAsync(tenant.Id, ideaId, ct);
                if (idea is null) return;
                var to = (await follows.FollowersAsync(tenant.Id, FollowKind.Idea, ideaId, ct)).Where(m => m != actorId).ToList();
                var site = links.Site(tenant);
                await SendAsync(tenant, EmailKind.StatusChange, await InAudienceAsync(tenant, idea.ChallengeId, to, ct), r =>
                    EmailContents.JoinedBigIdea(r.DisplayName, idea.Title, idea.Author?.DisplayName, bigIdeaTitle, $"{site}/ideas/{ideaId}", $"{site}/big-ideas/{bigIdeaId}"), ct);
            });
    }

    /// <summary>
    /// Of these members, those who may see the challenge now: a follow, or an idea of one's own, outlives a place in a private
    /// challenge's audience, and nobody outside it may hear of what happens there.
    /// </summary>
    private async Task<IReadOnlyCollection<long>> InAudienceAsync(TenantDefinition tenant, long challengeId, IReadOnlyCollection<long> memberIds, CancellationToken ct)
    {
        if (memberIds.Count == 0 || await challenges.FindByIdAsync(tenant.Id, challengeId, ct) is not { } challenge) return [];
        if (challenge.Audience.IsEveryone) return memberIds;
        var seen = new List<long>();
        foreach (var id in memberIds)
            if ((await viewers.OfMemberAsync(tenant.Id, id, ct)).Sees(challenge)) seen.Add(id);
        return seen;
    }

    /// <summary>Queues one email per member who wants this kind; returns how many were queued.</summary>
    public async Task<int> SendAsync(TenantDefinition tenant, EmailKind kind, IReadOnlyCollection<long> memberIds,
        Func<Recipient, EmailContent> compose, CancellationToken ct = default) =>
        await SendToAsync(tenant, kind, await emails.RecipientsAsync(tenant.Id, memberIds, ct), compose, ct);

    public async Task<int> SendToAsync(TenantDefinition tenant, EmailKind kind, IReadOnlyList<Recipient> recipients,
        Func<Recipient, EmailContent> compose, CancellationToken ct = default)
    {
        var outgoing = recipients.Where(r => r.Wants(kind)).Select(r => Compose(tenant, kind, r, compose(r))).ToList();
        if (outgoing.Count > 0) await emails.EnqueueAsync(tenant.Id, links.SenderOf(tenant), outgoing, clock.GetUtcNow(), ct);
        return outgoing.Count;
    }

    /// <summary>An email worded by the site's theme, with its footer and one-click unsubscribe link for this member and kind.</summary>
    public OutgoingEmail Compose(TenantDefinition tenant, EmailKind kind, Recipient to, EmailContent content)
    {
        var unsubscribe = links.Unsubscribe(tenant, to.Id, kind.IsAccount() ? null : kind);
        var email = composer.Compose(tenant, kind, content, unsubscribe, to.Language);
        return new OutgoingEmail(kind, to.Id, to.Email, to.DisplayName, email.Subject, email.Text, unsubscribe, email.Html);
    }

    private async Task Guard(TenantDefinition tenant, string what, long id, Func<Task> work)
    {
        try { await work(); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Ids only: the people involved may be anonymous.
            logger.LogError(e, "Could not queue emails about {What} {Id} on {TenantId}", what, id, tenant.Id);
        }
    }
}
