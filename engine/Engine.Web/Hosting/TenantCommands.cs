using Engine.Data;
using Engine.Data.Transfer;

namespace Engine.Web.Hosting;

/// <summary>
/// Moving one tenant's data between stores from the command line, against the store the engine is
/// configured with (the same settings as serving: Engine:DataPath, Engine:Storage:Postgres):
///   dotnet Engine.Web.dll tenant export north-east north-east.json
///   dotnet Engine.Web.dll tenant import north-east.json [--as other-id]
/// Export reads while the engine serves; import needs the tenant to have no data in the target store.
/// </summary>
public static class TenantCommands
{
    public static bool Wanted(string[] args) => args.Length > 0 && args[0] == "tenant";

    /// <summary>The command's own words, then the usual configuration arguments (--Engine:Storage:Postgres "…").</summary>
    public static (string[] Words, string[] Configuration) Split(string[] args)
    {
        var words = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal) || a == "--as").ToList();
        var asIndex = args.ToList().IndexOf("--as");
        if (asIndex >= 0 && asIndex + 1 < args.Length) words = [.. args.Take(asIndex), "--as", args[asIndex + 1]];
        return (words.ToArray(), args.Skip(words.Count).ToArray());
    }

    public static async Task<int> RunAsync(IServiceProvider services, string[] words)
    {
        var db = services.GetRequiredService<Database>();
        await Migrations.ApplyAsync(db);
        switch (words)
        {
            case ["tenant", "export", var tenantId, var file]:
            {
                var dump = await TenantTransfer.ExportAsync(db, tenantId);
                await using (var stream = PrivateFiles.Create(file, FileMode.Create)) dump.WriteTo(stream);
                Console.WriteLine($"Exported tenant {tenantId} from {db.Describe} to {file}: {Summary(dump)}; content hash {dump.ContentHash()}");
                return 0;
            }
            case ["tenant", "import", var file, ..]:
            {
                TenantDump dump;
                await using (var stream = File.OpenRead(file)) dump = TenantDump.ReadFrom(stream);
                var asId = words is [_, _, _, "--as", var id] ? id : null;
                await TenantTransfer.ImportAsync(db, dump, asId);
                var check = await TenantTransfer.ExportAsync(db, asId ?? dump.TenantId);
                Console.WriteLine($"Imported tenant {check.TenantId} into {db.Describe}: {Summary(check)}; content hash {check.ContentHash()}");
                return 0;
            }
            default:
                Console.Error.WriteLine("Usage: tenant export <tenant id> <file>   |   tenant import <file> [--as <tenant id>]");
                return 2;
        }
    }

    private static string Summary(TenantDump dump) =>
        string.Join(", ", new[] { "members", "ideas", "comments", "votes" }.Select(t => $"{dump.Counts.GetValueOrDefault(t)} {t}"));
}
