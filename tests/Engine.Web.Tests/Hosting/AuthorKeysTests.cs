using System.Security.Cryptography;
using Dapper;
using Engine.Core.Common;
using Engine.Data;
using Engine.Data.Sqlite;
using Engine.Web.Plugins;

namespace Engine.Web.Tests.Hosting;

/// <summary>
/// Fully anonymous authors' keys: a tenant that has always lived on this deployment keeps the very hashes it had before
/// tenants had keys of their own (nothing to migrate); a tenant that brought its own key is hashed with it from the
/// write that stored it on, and only this deployment's secret opens that key.
/// </summary>
public sealed class AuthorKeysTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "engine-author-keys", Guid.NewGuid().ToString("N"));
    private readonly DataVersions _versions = new();
    private SqliteDatabase _db = null!;
    private string KeyFile => Path.Combine(_root, "keys", "anonymity.key");

    public async Task InitializeAsync()
    {
        _db = new SqliteDatabase(Path.Combine(_root, "engine.db"), _versions);
        await Migrations.ApplyAsync(_db);
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { /* best effort */ }
    }

    [Fact]
    public void A_tenant_without_a_key_of_its_own_keeps_the_hashes_made_before_tenants_had_keys()
    {
        var key = new AuthorKeys(KeyFile, _db, _versions).KeyFor("north", 7);

        // How every fully anonymous author's key was made before: HMAC-SHA256 of "tenant\nmember" under anonymity.key.
        var secret = Convert.FromBase64String(File.ReadAllText(KeyFile).Trim());
        key.Should().Be(Convert.ToHexStringLower(HMACSHA256.HashData(secret, "north\n7"u8.ToArray())));
    }

    [Fact]
    public async Task A_tenant_given_its_own_key_is_hashed_with_it_from_that_write_on_and_only_this_deployment_opens_it()
    {
        var keys = new AuthorKeys(KeyFile, _db, _versions);
        var before = keys.KeyFor("north", 7);
        var south = keys.KeyFor("south", 7);
        var own = RandomNumberGenerator.GetBytes(32);
        var wrapped = keys.Wrap(own);
        wrapped.Should().NotContain(Convert.ToBase64String(own), "the database holds the key only wrapped");

        await _db.WriteAsync("north", (c, tx) => c.Execute("INSERT INTO tenant_keys (tenant_id, anonymity_key) VALUES ('north', @wrapped)", new { wrapped }, tx));

        keys.KeyFor("north", 7).Should().Be(AuthorKeys.KeyUnder(own, 7)).And.NotBe(before);
        keys.KeyFor("south", 7).Should().Be(south, "another tenant keeps the deployment's key");
        var elsewhere = new AuthorKeys(Path.Combine(_root, "other", "anonymity.key"), _db, _versions);
        elsewhere.Invoking(k => k.KeyFor("north", 7)).Should().Throw<InvalidOperationException>()
            .WithMessage("Tenant north's own anonymity key (table tenant_keys) was not wrapped by this deployment's *anonymity.key: restore that file.");
    }
}
