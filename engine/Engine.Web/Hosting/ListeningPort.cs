using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Engine.Web.Hosting;

public static class ListeningPort
{
    /// <summary>":5080" for the first address the server listens on (once started), or "" when it cannot tell.</summary>
    public static string Suffix(IServer server)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return address is not null && Uri.TryCreate(address.Replace("*", "localhost").Replace("+", "localhost"), UriKind.Absolute, out var uri)
            ? $":{uri.Port}" : "";
    }
}
