namespace Engine.Themes.Tests;

/// <summary>A scratch themes folder with a tiny but complete base theme, to build test themes on.</summary>
public sealed class ThemeFolders : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "engine-theme-tests", Guid.NewGuid().ToString("N"));

    public ThemeFolders()
    {
        Write("base/theme.json", """{ "name": "base" }""");
        Write("base/default.sbn-html", "<html><title>{{ title }}</title><body>{{ include 'header' }}{{ body }}</body></html>");
        Write("base/partials/header.sbn-html", "<header>base header</header>");
        foreach (var page in ThemeValidator.RequiredPages.Where(p => p != "default"))
            Write($"base/{page}.sbn-html", $"<main>{page}: {{{{ text }}}}</main>");
        Write("base/assets/site.css", "body{}");
    }

    public string Write(string relative, string content)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
