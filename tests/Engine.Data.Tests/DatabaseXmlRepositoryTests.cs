using System.Xml.Linq;
using Engine.Data.Postgres;
using Engine.Tests.Shared;

namespace Engine.Data.Tests;

/// <summary>The Data Protection keys that sign cookies, kept in PostgreSQL so that every engine node shares them.</summary>
[Trait("Store", "Both")] // makes its own PostgreSQL database (SQLite keeps its keys in files): run once, not again in the PostgreSQL run
public sealed class DatabaseXmlRepositoryTests : IAsyncLifetime
{
    private string _database = null!;
    private PostgresDatabase _node = null!, _otherNode = null!;

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateDatabaseAsync();
        _node = new PostgresDatabase(_database);
        _otherNode = new PostgresDatabase(_database);
        await Migrations.ApplyAsync(_node);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        await _otherNode.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(_database);
    }

    private static XElement Key(string id, string secret) => new("key", new XAttribute("id", id), new XElement("secret", secret));

    [Fact]
    public void Keys_one_node_stores_are_read_by_another_in_the_order_they_were_made()
    {
        var keys = new DatabaseXmlRepository(_node);
        keys.StoreElement(Key("a", "first"), "key-a");
        keys.StoreElement(Key("b", "second"), "key-b");

        var read = new DatabaseXmlRepository(_otherNode).GetAllElements();

        read.Select(k => k.ToString()).Should().Equal(Key("a", "first").ToString(), Key("b", "second").ToString());
    }

    [Fact]
    public void A_key_stored_again_under_its_name_is_replaced_not_added()
    {
        var keys = new DatabaseXmlRepository(_node);
        keys.StoreElement(Key("a", "first"), "key-a");
        keys.StoreElement(Key("a", "revoked"), "key-a");

        new DatabaseXmlRepository(_otherNode).GetAllElements().Select(k => k.ToString()).Should().Equal(Key("a", "revoked").ToString());
    }
}
