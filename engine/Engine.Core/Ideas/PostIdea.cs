using Engine.Core.Challenges;
using Engine.Core.Common;
using Engine.Core.Images;
using Engine.Core.Moderation;
using Engine.Core.Rules;
using Engine.Core.Tenancy;
using Engine.Sdk;
using Microsoft.Extensions.Logging;

namespace Engine.Core.Ideas;

/// <summary>The outcome of posting: the new id, and whether it was published or held for a moderator.</summary>
public sealed record Posted(long Id, ModerationState State);

/// <summary>
/// A member posts an idea to an open challenge, under their name or anonymously if the site allows it, with any images
/// (already read and copied: a file that is not a good image was refused before anything was stored).
/// </summary>
public sealed class PostIdea(OpenChallenge open, IIdeaStore ideas, IRuleResolver rules, ContributionGate gate, Following.IFollowStore follows,
    TimeProvider clock, ILogger<PostIdea> logger)
{
    /// <param name="language">The language it is written in, one of the site's: the author's page language, or one they chose on the form; the site's default when null.</param>
    /// <param name="category">The category picked from the challenge's (null: none).</param>
    /// <param name="fields">The answers to the challenge's extra fields, by field key; checked against its idea form.</param>
    /// <param name="pictures">The images to attach: their alt text is judged with the idea's text, and a held alt text holds the idea.</param>
    public async Task<Outcome<Posted>> HandleAsync(TenantDefinition tenant, string challengeSlug, long memberId,
        string? title, string? body, bool anonymous, CancellationToken ct = default, string? language = null,
        string? category = null, IReadOnlyDictionary<string, string?>? fields = null, IReadOnlyList<NewIdeaImage>? pictures = null)
    {
        var found = await open.FindAsync(tenant.Id, challengeSlug, ct);
        if (!found.Succeeded) return found.Error!;
        var challenge = found.Value!;
        var now = clock.GetUtcNow();
        if (!open.TakesContributions(challenge))
            return Error.Forbidden($"The challenge '{challenge.Title}' is closed: it no longer takes new ideas.").Keyed("error.challenge-closed", challenge.Title);
        var idea = IdeaRules.Validate(title, body);
        if (!idea.Succeeded) return idea.Error!;
        var answers = IdeaForms.IdeaAnswers.Check(IdeaForms.IdeaForm.For(tenant, challenge.Slug), category, fields ?? new Dictionary<string, string?>());
        if (!answers.Succeeded) return answers.Error!;
        var written = ContentLanguage.Choose(tenant, language, tenant.Locale);
        if (!written.Succeeded) return written.Error!;
        var ruleSet = rules.For(tenant, challenge.Slug);
        var admission = await gate.AdmitAsync(ruleSet, tenant.Id, memberId, ContributionKind.Idea, idea.Value!.Title, idea.Value.Body, anonymous, ct);
        if (!admission.Succeeded) return admission.Error!;
        pictures ??= [];
        if (pictures.Count > ImageRules.MaxPerIdea)
            return AltTexts.TooMany();
        var judged = await gate.JudgeAltTextsAsync(ruleSet, tenant.Id, memberId, pictures, ct);
        if (!judged.Succeeded) return judged.Error!;
        if (judged.Value.State == ModerationState.Held && admission.Value!.State == ModerationState.Published)
            admission = admission.Value with { State = ModerationState.Held, Reason = judged.Value.Reason, Text = judged.Value.Text };
        // The idea and its images in one transaction: a failure writing an image leaves no idea without it.
        var id = await ideas.AddAsync(tenant.Id, challenge.Id, admission.Value!,
            idea.Value with { Language = written.Value, Answers = answers.Value!, Images = pictures }, now, ct);
        // Authors follow their own ideas, to hear when they move on. Not a fully anonymous author: the follow would
        // tie them to the idea, which is exactly what that policy keeps from being stored.
        if (admission.Value!.Author.MemberId is { } author)
            await follows.FollowAsync(tenant.Id, Following.FollowKind.Idea, id, author, now, ct);
        // Ids and outcome only: never the author, who may have asked to stay anonymous.
        logger.LogInformation("Idea {IdeaId} posted to {TenantId}/{Challenge} with {Images} image(s): {Moderation}", id, tenant.Id, challenge.Slug, pictures.Count,
            admission.Value!.State);
        return new Posted(id, admission.Value!.State);
    }
}
