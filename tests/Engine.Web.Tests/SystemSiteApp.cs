using System.Net;
using Engine.Web.Tests.SystemAdmin;
using Microsoft.AspNetCore.Hosting;

namespace Engine.Web.Tests;

/// <summary>
/// The test tenants plus the system site on <see cref="SystemAdminTests.Host"/>, for tests that walk the whole
/// engine (every endpoint, every documented path). Emails are not sent, so the data changes only by a request.
/// </summary>
public class SystemSiteApp : EngineApp
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        UseSettings(builder, TestEngineSettings.SystemSite(SystemAdminTests.Host, SystemAdminTests.Email, SystemAdminTests.Password));
        builder.UseSetting("Engine:Email:Send", "false");
    }

    /// <summary>A browser signed in to the system site as its bootstrap administrator.</summary>
    public async Task<Visitor> SystemAdministratorAsync()
    {
        var visitor = Visit(SystemAdminTests.Host);
        var response = await visitor.SubmitAsync("/system/signin", "/system/signin", new() { ["Email"] = SystemAdminTests.Email, ["Password"] = SystemAdminTests.Password });
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return visitor;
    }
}
