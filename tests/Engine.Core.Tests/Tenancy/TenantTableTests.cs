using Engine.Core.Tenancy;

namespace Engine.Core.Tests.Tenancy;

public class TenantTableTests
{
    private static TenantDefinition Tenant(string id, string[] hosts, string prefix = "", TenantState state = TenantState.Active) =>
        new() { Id = id, Name = id, Hosts = hosts, PathPrefix = prefix, State = state, Folder = $"/t/{id}" };

    private static TenantTable Table(params TenantDefinition[] tenants) =>
        TenantTable.Build(tenants.Select(t => ((TenantDefinition?)t, (TenantProblem?)null)));

    [Fact]
    public void A_tenant_is_found_by_host_whatever_its_case()
    {
        var table = Table(Tenant("a", ["a.localhost"]), Tenant("b", ["b.localhost", "www.b.localhost"]));
        table.Resolve("A.LocalHost", "/")!.Id.Should().Be("a");
        table.Resolve("www.b.localhost", "/ideas/1")!.Id.Should().Be("b");
    }

    [Fact]
    public void A_new_tenant_claiming_a_served_host_is_refused_and_the_site_already_there_keeps_serving()
    {
        var before = Table(Tenant("zeta", ["zeta.localhost"]));
        var after = TenantTable.Build(
            new[] { Tenant("aaa", ["ZETA.localhost"]), Tenant("zeta", ["zeta.localhost"]) }.Select(t => ((TenantDefinition?)t, (TenantProblem?)null)),
            previous: before);
        after.Resolve("zeta.localhost", "/")!.Id.Should().Be("zeta", "a typo in a new tenant.json must not take a working site offline");
        after.Problems.Should().ContainSingle(p => p.TenantId == "aaa" && p.Message.Contains("already served by tenant 'zeta'"));
    }

    [Fact]
    public void An_unknown_host_resolves_to_nobody()
    {
        Table(Tenant("a", ["a.localhost"])).Resolve("evil.localhost", "/").Should().BeNull();
    }

    [Fact]
    public void Tenants_sharing_a_host_are_told_apart_by_path_prefix_longest_first()
    {
        var table = Table(Tenant("root", ["shared.localhost"]), Tenant("london", ["shared.localhost"], "/london"),
            Tenant("north", ["shared.localhost"], "/london-north"));
        table.Resolve("shared.localhost", "/london/ideas/3")!.Id.Should().Be("london");
        table.Resolve("shared.localhost", "/london")!.Id.Should().Be("london");
        table.Resolve("shared.localhost", "/london-north/")!.Id.Should().Be("north");
        table.Resolve("shared.localhost", "/londonderry")!.Id.Should().Be("root", "a prefix matches whole path segments only");
    }

    [Fact]
    public void A_prefix_only_tenant_does_not_answer_outside_its_prefix()
    {
        Table(Tenant("london", ["shared.localhost"], "/london")).Resolve("shared.localhost", "/").Should().BeNull();
    }

    [Fact]
    public void An_offline_tenant_is_not_served()
    {
        Table(Tenant("a", ["a.localhost"], state: TenantState.Offline)).Resolve("a.localhost", "/").Should().BeNull();
    }

    [Fact]
    public void A_second_tenant_claiming_the_same_host_is_refused_and_the_first_keeps_serving()
    {
        var table = Table(Tenant("a", ["same.localhost"]), Tenant("b", ["same.localhost"]));
        table.Resolve("same.localhost", "/")!.Id.Should().Be("a");
        table.Problems.Should().ContainSingle(p => p.TenantId == "b" && p.Message.Contains("already served by tenant 'a'"));
    }
}
