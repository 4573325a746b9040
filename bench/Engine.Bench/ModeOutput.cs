using System.Text.Json;

namespace Engine.Bench;

/// <summary>What a mode of its own (exports, soak) leaves behind: its temporary data set gone, its report as Markdown and JSON.</summary>
public static class ModeOutput
{
    public static void Finish<T>(DataSet data, BenchOptions options, string name, string markdown, T result, Action<string> log)
    {
        try { Directory.Delete(data.Root, recursive: true); } catch (IOException) { /* a file still held: it is in the temp folder */ }
        Write(options.OutputFolder, name, markdown, result, log);
    }

    /// <summary>The report alone, for a mode that keeps its data set (numbers) or has none of its own to drop.</summary>
    public static void Write<T>(string folder, string name, string markdown, T result, Action<string> log)
    {
        log(markdown);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, $"{name}.md"), markdown);
        File.WriteAllText(Path.Combine(folder, $"{name}.json"), JsonSerializer.Serialize(result,
            new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
    }
}
