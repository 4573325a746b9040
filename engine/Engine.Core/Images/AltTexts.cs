using Engine.Core.Common;
using Engine.Core.Moderation;
using Engine.Core.Rules;
using Engine.Sdk;

namespace Engine.Core.Images;

/// <summary>
/// Images' alt texts are words the public reads, so they pass the moderation rules as an idea's text does: for a new idea,
/// an edit, and an upload alike, before anything is written.
/// </summary>
public static class AltTexts
{
    /// <summary>The first refusal, naming that image's alt-text field, or Held (with the rule's reason) if any was held.</summary>
    public static async Task<Outcome<Judgement>> JudgeAltTextsAsync(this ContributionGate gate, RuleSet ruleSet,
        string tenantId, long memberId, IReadOnlyList<NewIdeaImage> images, CancellationToken ct = default)
    {
        var verdict = Judgement.Published;
        foreach (var image in images)
        {
            var judged = await gate.ModerateAsync(ruleSet, tenantId, memberId, ContributionKind.Idea, null, image.AltText, ct);
            if (!judged.Succeeded) return judged.Error! with { Field = image.AltField };
            if (judged.Value.State == ModerationState.Held && verdict.State != ModerationState.Held) verdict = judged.Value;
        }
        return verdict;
    }

    /// <summary>The refusal of more images than an idea carries (<see cref="ImageRules.MaxPerIdea"/>), with those it has.</summary>
    public static Error TooMany() =>
        Error.Invalid("images", $"An idea carries at most {ImageRules.MaxPerIdea} images: take one off before adding another.")
            .Keyed("error.image-limit", ImageRules.MaxPerIdea);
}
