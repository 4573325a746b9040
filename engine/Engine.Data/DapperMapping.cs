using System.Data;
using Dapper;

namespace Engine.Data;

/// <summary>
/// How the stores' columns and parameters map to C# through Dapper. Dapper keeps its maps for the whole process, not
/// per connection, so they are set by every <see cref="Database"/> as it is made rather than by whichever type Dapper
/// happens to load first: setting them again changes nothing, so engines and tests side by side in one process agree.
/// </summary>
internal static class DapperMapping
{
    // One handler for the process: Dapper does nothing when handed the handler it already has.
    private static readonly BooleanAsInteger Booleans = new();

    public static void Use()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        // Booleans are stored as INTEGER 0/1 on both databases (SQLite has no boolean type). Npgsql
        // would send a C# bool as a PostgreSQL boolean, which a BIGINT column refuses, so every bool
        // parameter goes as 0/1, and 0/1 (or a boolean) reads back as a bool.
        SqlMapper.RemoveTypeMap(typeof(bool));
        SqlMapper.RemoveTypeMap(typeof(bool?));
        SqlMapper.AddTypeHandler(Booleans);
    }

    private sealed class BooleanAsInteger : SqlMapper.TypeHandler<bool>
    {
        public override void SetValue(IDbDataParameter parameter, bool value)
        {
            parameter.DbType = DbType.Int64;
            parameter.Value = value ? 1L : 0L;
        }

        public override bool Parse(object value) => value is bool b ? b : Convert.ToInt64(value) != 0;
    }
}
