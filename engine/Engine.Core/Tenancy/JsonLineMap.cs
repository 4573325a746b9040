using System.Text.Json;

namespace Engine.Core.Tenancy;

/// <summary>
/// Maps each property path in a JSON document ("themeSettings.primaryColour", "challenges[2].slug")
/// to its 1-based line, so a value that parses but is wrong can still be reported with its line.
/// </summary>
public static class JsonLineMap
{
    public static IReadOnlyDictionary<string, int> Build(ReadOnlySpan<byte> json)
    {
        var lines = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var path = new List<string>();
        var arrayIndex = new Stack<int>();
        string? pendingName = null;
        var newlineOffsets = NewlineOffsets(json);

        void EnterValue()
        {
            if (pendingName is not null) { path.Add(pendingName); pendingName = null; }
            else if (arrayIndex.Count > 0 && arrayIndex.Peek() >= 0)
            {
                var i = arrayIndex.Pop();
                arrayIndex.Push(i + 1);
                path.Add($"[{i}]");
            }
            else path.Add("");
        }

        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pendingName = reader.GetString()!;
                    lines[Join(path, pendingName)] = LineOf(newlineOffsets, reader.TokenStartIndex);
                    break;
                case JsonTokenType.StartObject:
                    EnterValue(); arrayIndex.Push(-1); break;
                case JsonTokenType.StartArray:
                    EnterValue(); arrayIndex.Push(0); break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    arrayIndex.Pop(); path.RemoveAt(path.Count - 1); break;
                default:
                    if (pendingName is not null) pendingName = null;
                    else if (arrayIndex.Count > 0 && arrayIndex.Peek() >= 0)
                    {
                        var i = arrayIndex.Pop();
                        arrayIndex.Push(i + 1);
                        lines[Join(path, $"[{i}]")] = LineOf(newlineOffsets, reader.TokenStartIndex);
                    }
                    break;
            }
        }
        return lines;
    }

    private static string Join(List<string> path, string last)
    {
        var parts = path.Where(p => p.Length > 0).Append(last);
        return string.Join('.', parts).Replace(".[", "[");
    }

    private static List<long> NewlineOffsets(ReadOnlySpan<byte> json)
    {
        var offsets = new List<long>();
        for (var i = 0; i < json.Length; i++) if (json[i] == (byte)'\n') offsets.Add(i);
        return offsets;
    }

    private static int LineOf(List<long> newlines, long offset)
    {
        var index = newlines.BinarySearch(offset);
        return (index < 0 ? ~index : index) + 1;
    }
}
