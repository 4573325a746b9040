using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Engine.Data;

/// <summary>
/// Data Protection's key ring kept in the shared database (table data_protection_keys), so every
/// engine node signs and reads sign-in and antiforgery cookies with the same keys: a member signed in
/// by one node stays signed in whichever node the reverse proxy sends them to next.
/// </summary>
public sealed class DatabaseXmlRepository(Database db) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var c = db.OpenReader();
        return c.Query<string>("SELECT xml FROM data_protection_keys ORDER BY created_at, friendly_name").Select(XElement.Parse).ToList();
    }

    // Data Protection calls this synchronously, rarely (a new key every 90 days); the write is committed before it returns.
    public void StoreElement(XElement element, string friendlyName) =>
        db.WriteAsync((c, tx) => c.Execute("""
            INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@friendlyName, @xml, @now)
            ON CONFLICT (friendly_name) DO UPDATE SET xml = excluded.xml
            """, new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting), now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }, tx))
            .GetAwaiter().GetResult();
}
