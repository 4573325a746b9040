using System.Text.Json;
using Engine.Data;
using Engine.Data.Transfer;

namespace Engine.Web.Hosting;

/// <summary>
/// Commands on the store the engine is configured with (the same settings as serving: Engine:DataPath,
/// Engine:Storage:Postgres), apart from serving:
///   dotnet Engine.Web.dll migrate
///   dotnet Engine.Web.dll tenant export north-east north-east.json
///   dotnet Engine.Web.dll tenant import north-east.json [--as other-id]
/// Only migrate changes the schema: the tenant commands refuse a store at another schema version rather than
/// migrating a live database as a side effect. Export reads while the engine serves; import needs the tenant to
/// have no data in the target store. A refusal prints its reason and exits with a code, never a stack trace.
/// </summary>
public static class StoreCommands
{
    public const int Refused = 1, Usage = 2, NotAtThisSchema = 3;

    public static bool Wanted(string[] args) => args.Length > 0 && args[0] is "tenant" or "migrate";

    /// <summary>The command's own words, then the usual configuration arguments (--Engine:Storage:Postgres "…").</summary>
    public static (string[] Words, string[] Configuration) Split(string[] args)
    {
        var words = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal) || a == "--as").ToList();
        var asIndex = args.ToList().IndexOf("--as");
        if (asIndex >= 0 && asIndex + 1 < args.Length) words = [.. args.Take(asIndex), "--as", args[asIndex + 1]];
        return (words.ToArray(), args.Skip(words.Count).ToArray());
    }

    public static string NotMigrated(Database db, int version) =>
        $"The database {db.Describe} is at schema version {version} and this engine needs {Migrations.Latest}: " +
        "run 'dotnet Engine.Web.dll migrate' with the same settings first.";

    public static async Task<int> RunAsync(IServiceProvider services, string[] words, TextWriter output, TextWriter errors)
    {
        var db = services.GetRequiredService<Database>();
        try
        {
            if (words is ["migrate"]) return await MigrateAsync(db, output);
            if (words is not (["tenant", "export", _, _] or ["tenant", "import", _] or ["tenant", "import", _, "--as", _]))
            {
                await errors.WriteLineAsync("Usage: migrate   |   tenant export <tenant id> <file>   |   tenant import <file> [--as <tenant id>]");
                return Usage;
            }
            if (await Migrations.VersionAsync(db) is var version && version != Migrations.Latest)
            {
                await errors.WriteLineAsync(NotMigrated(db, version));
                return NotAtThisSchema;
            }
            return words is ["tenant", "export", var tenantId, var file]
                ? await ExportAsync(db, tenantId, file, output)
                : await ImportAsync(db, words[2], words is [_, _, _, "--as", var id] ? id : null, output);
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or IOException or JsonException or UnauthorizedAccessException)
        {
            await errors.WriteLineAsync($"{string.Join(' ', words)}: {e.Message}");
            return Refused;
        }
    }

    private static async Task<int> MigrateAsync(Database db, TextWriter output)
    {
        var before = await Migrations.VersionAsync(db);
        await Migrations.ApplyAsync(db);
        await output.WriteLineAsync(before == Migrations.Latest
            ? $"The database {db.Describe} is already at schema version {Migrations.Latest}."
            : $"Migrated {db.Describe} from schema version {before} to {Migrations.Latest}.");
        return 0;
    }

    private static async Task<int> ExportAsync(Database db, string tenantId, string file, TextWriter output)
    {
        var dump = await TenantTransfer.ExportAsync(db, tenantId);
        await using (var stream = PrivateFiles.Create(file, FileMode.Create)) dump.WriteTo(stream);
        await output.WriteLineAsync($"Exported tenant {tenantId} from {db.Describe} to {file}: {Summary(dump)}; content hash {dump.ContentHash()}");
        return 0;
    }

    private static async Task<int> ImportAsync(Database db, string file, string? asId, TextWriter output)
    {
        TenantDump dump;
        await using (var stream = File.OpenRead(file)) dump = TenantDump.ReadFrom(stream);
        await TenantTransfer.ImportAsync(db, dump, asId);
        var check = await TenantTransfer.ExportAsync(db, asId ?? dump.TenantId);
        await output.WriteLineAsync($"Imported tenant {check.TenantId} into {db.Describe}: {Summary(check)}; content hash {check.ContentHash()}");
        return 0;
    }

    private static string Summary(TenantDump dump) =>
        string.Join(", ", new[] { "members", "ideas", "comments", "votes" }.Select(t => $"{dump.Counts.GetValueOrDefault(t)} {t}"));
}
