namespace Engine.Tests.Shared;

/// <summary>
/// The repository the tests run from: its themes, plugins, sample tenants and docs are what the tests
/// check, so they are read where they are, not copied into the build output.
/// </summary>
public static class TestRepository
{
    /// <summary>The folder holding Engine.sln, found by walking up from where the tests run.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Engine.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No Engine.sln above {AppContext.BaseDirectory}, where the tests run.");
    }
}
