using Engine.Web.Hosting;
using Engine.Web.Plugins;

namespace Engine.Web.Tests.Hosting;

/// <summary>The anonymity key and tenant exports are readable by the engine's own user only, whatever the umask.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes are Unix's; the engine is deployed on Linux
public sealed class PrivateFilesTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "engine-private-files", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { /* best effort */ }
    }

    [Fact]
    public void A_new_file_and_the_folder_made_for_it_are_the_users_alone()
    {
        var file = Path.Combine(_root, "exports", "north.json");
        using (var stream = PrivateFiles.Create(file, FileMode.CreateNew)) stream.WriteByte(1);
        File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(Path.GetDirectoryName(file)!).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [Fact]
    public void A_file_written_over_is_made_the_users_alone_before_anything_is_written()
    {
        Directory.CreateDirectory(_root);
        var file = Path.Combine(_root, "north.json");
        File.WriteAllText(file, "an older export");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        using (var stream = PrivateFiles.Create(file, FileMode.Create))
        {
            File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            stream.WriteByte(2);
        }
        File.ReadAllBytes(file).Should().Equal([2]);
    }

    [Fact]
    public void The_anonymity_key_is_created_the_users_alone_and_read_back_the_same()
    {
        var keyFile = Path.Combine(_root, "keys", "anonymity.key");
        var first = new AuthorKeys(keyFile).KeyFor("north", 7);
        File.GetUnixFileMode(keyFile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        new AuthorKeys(keyFile).KeyFor("north", 7).Should().Be(first, "the key is read back, not made again");
    }
}
