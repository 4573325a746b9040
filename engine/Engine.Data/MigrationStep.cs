using System.Text.RegularExpressions;

namespace Engine.Data;

/// <summary>
/// One schema change, written once for both databases. <see cref="Portable"/> is SQL in the subset
/// both accept (TEXT, INTEGER, composite primary keys starting with tenant_id, CHECK, indexes,
/// ALTER TABLE ADD COLUMN); for PostgreSQL it is translated: INTEGER becomes BIGINT (SQLite's
/// integers are 64-bit, so the same values fit) and WITHOUT ROWID, which only tells SQLite how to
/// lay the table out, is dropped. What cannot be said portably (a trigger, SQLite's FTS5) goes in
/// <see cref="SqliteOnly"/> and <see cref="PostgresOnly"/>, run after the portable part: the
/// step must then leave both databases able to serve the same queries.
/// A plain string is a portable step, so <c>Steps</c> can list SQL text as it always has.
/// </summary>
public sealed partial record MigrationStep(string Portable)
{
    /// <summary>Run on SQLite only, after the portable part.</summary>
    public string? SqliteOnly { get; init; }

    /// <summary>Run on PostgreSQL only, after the portable part (not translated).</summary>
    public string? PostgresOnly { get; init; }

    public static implicit operator MigrationStep(string portable) => new(portable);

    /// <summary>The SQL to run on <paramref name="dialect"/>; refuses SQLite-only syntax in the portable part, naming the step.</summary>
    public string For(SqlDialect dialect, int number)
    {
        if (dialect == SqlDialect.Sqlite) return Portable + "\n" + SqliteOnly;
        var portable = StripComments(Portable);
        if (NotPortable().Match(portable) is { Success: true } m)
            throw new InvalidOperationException(
                $"Migration step {number} is not portable: '{m.Value}' is SQLite's own. Move it to SqliteOnly and give PostgreSQL its equivalent in PostgresOnly.");
        return WithoutRowId().Replace(Integer().Replace(portable, "BIGINT"), ")") + "\n" + PostgresOnly;
    }

    // Comments may say anything (including the words below), so they are not translated or checked.
    private static string StripComments(string sql) => LineComment().Replace(sql, "");

    [GeneratedRegex(@"--[^\n]*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"\bINTEGER\b", RegexOptions.IgnoreCase)]
    private static partial Regex Integer();

    [GeneratedRegex(@"\)\s*WITHOUT\s+ROWID", RegexOptions.IgnoreCase)]
    private static partial Regex WithoutRowId();

    [GeneratedRegex(@"\b(?:CREATE\s+(?:TEMP\s+)?TRIGGER|CREATE\s+VIRTUAL\s+TABLE|PRAGMA|AUTOINCREMENT|INSERT\s+OR\s+\w+|REPLACE\s+INTO|IFNULL|GROUP_CONCAT|DATETIME|STRFTIME|JULIANDAY)\b|\)\s*STRICT\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotPortable();
}
