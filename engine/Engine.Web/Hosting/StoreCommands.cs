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
///   dotnet Engine.Web.dll tenant delete north-east --confirm
/// With Engine:Transfer:Passphrase set, an export carries the tenant's anonymity key sealed with it, and an import
/// opens it (<see cref="TenantKeyTransfer"/>). Delete archives the tenant's audit log to a file first.
/// Only migrate changes the schema: the tenant commands refuse a store at another schema version rather than
/// migrating a live database as a side effect. Export reads while the engine serves; import needs the tenant to
/// have no data in the target store. A refusal prints its reason and exits with a code, never a stack trace.
/// </summary>
public static class StoreCommands
{
    public const int Refused = 1, Usage = 2, NotAtThisSchema = 3;

    /// <summary>The flag that tenant delete needs: it removes every row of the tenant, for good.</summary>
    public const string Confirm = "--confirm";

    public static bool Wanted(string[] args) => args.Length > 0 && args[0] is "tenant" or "migrate";

    /// <summary>The command's own words, then the usual configuration arguments (--Engine:Storage:Postgres "…").</summary>
    public static (string[] Words, string[] Configuration) Split(string[] args)
    {
        var words = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal) || a is "--as" or Confirm).ToList();
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
            if (words is not (["tenant", "export", _, _] or ["tenant", "import", _] or ["tenant", "import", _, "--as", _] or ["tenant", "delete", _, Confirm]))
            {
                await errors.WriteLineAsync("Usage: migrate   |   tenant export <tenant id> <file>   |   tenant import <file> [--as <tenant id>]   |   tenant delete <tenant id> --confirm");
                if (words is ["tenant", "delete", ..])
                    await errors.WriteLineAsync($"tenant delete removes every row of the tenant from {db.Describe} for good (its audit log archived first): add {Confirm} to do so.");
                return Usage;
            }
            if (await Migrations.VersionAsync(db) is var version && version != Migrations.Latest)
            {
                await errors.WriteLineAsync(NotMigrated(db, version));
                return NotAtThisSchema;
            }
            // An engine may be serving this store: it drops its copies of what these commands change.
            db.TellServingEngines();
            var keys = services.GetRequiredService<Plugins.AuthorKeys>();
            var passphrase = services.GetRequiredService<IConfiguration>()[TenantKeyTransfer.PassphraseSetting];
            return words switch
            {
                ["tenant", "export", var tenantId, var file] => await ExportAsync(db, tenantId, file, keys, passphrase, output),
                ["tenant", "delete", var tenantId, _] => await TenantDeletion.RunAsync(services, db, tenantId, output, errors),
                _ => await ImportAsync(db, words[2], words is [_, _, _, "--as", var id] ? id : null, keys, passphrase, output),
            };
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

    private static async Task<int> ExportAsync(Database db, string tenantId, string file, Plugins.AuthorKeys keys, string? passphrase, TextWriter output)
    {
        var dump = await TenantTransfer.ExportAsync(db, tenantId);
        if (passphrase is not null) dump = TenantKeyTransfer.SealInto(dump, keys, passphrase);
        await using (var stream = PrivateFiles.Create(file, FileMode.Create)) dump.WriteTo(stream);
        await output.WriteLineAsync($"Exported tenant {tenantId} from {db.Describe} to {file}: {Summary(dump)}; content hash {dump.ContentHash()}");
        await output.WriteLineAsync(passphrase is not null
            ? $"Its anonymity key is in the file sealed with {TenantKeyTransfer.PassphraseSetting}: give the importing deployment the same passphrase."
            : $"No anonymity key in the file: on another deployment its fully anonymous authors would lose their posts; set {TenantKeyTransfer.PassphraseSetting} to carry it.");
        return 0;
    }

    private static async Task<int> ImportAsync(Database db, string file, string? asId, Plugins.AuthorKeys keys, string? passphrase, TextWriter output)
    {
        TenantDump dump;
        await using (var stream = File.OpenRead(file)) dump = TenantDump.ReadFrom(stream);
        var wrappedKey = dump.AnonymityKey is null ? null : keys.Wrap(TenantKeyTransfer.Open(dump, passphrase));
        await TenantTransfer.ImportAsync(db, dump, asId, wrappedKey);
        var check = await TenantTransfer.ExportAsync(db, asId ?? dump.TenantId);
        await output.WriteLineAsync($"Imported tenant {check.TenantId} into {db.Describe}: {Summary(check)}; content hash {check.ContentHash()}");
        return 0;
    }

    private static string Summary(TenantDump dump) =>
        string.Join(", ", new[] { "members", "ideas", "comments", "votes" }.Select(t => $"{dump.Counts.GetValueOrDefault(t)} {t}"));
}
