using System.Text.Json;
using Engine.Core.IdeaForms;

namespace Engine.Data.Stores;

/// <summary>An idea's answers to its challenge's extra fields, kept as one JSON object by field key (null when it has none).</summary>
internal static class StoredAnswers
{
    public static string? Write(IdeaAnswers answers) => answers.Values.Count == 0 ? null : JsonSerializer.Serialize(answers.Values);

    public static IdeaAnswers Read(string? category, string? json) =>
        category is null && json is null ? IdeaAnswers.None
            : new IdeaAnswers(category, json is null ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(json)!);
}
