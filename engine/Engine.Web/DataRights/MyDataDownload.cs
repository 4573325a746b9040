using Engine.Core.DataRights;
using Microsoft.Net.Http.Headers;

namespace Engine.Web.DataRights;

/// <summary>A member's data as a file: the same zip from the account page, the API and an admin's subject-access export.</summary>
public static class MyDataDownload
{
    /// <summary>The zip of <paramref name="data"/>; false when there is none (no such member, or a deleted account's cookie).</summary>
    public static async Task<bool> SendAsync(HttpContext http, MemberData? data, string tenantId, TimeProvider clock)
    {
        if (data is null) return false;
        var zip = MemberDataWriter.Zip(data);
        var fileName = $"{tenantId}-member-{data.Account.Id}-data-{clock.GetUtcNow():yyyyMMdd-HHmm}.zip";
        var response = http.Response;
        // Private to the member: never kept by any cache.
        response.Headers.CacheControl = "no-store";
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = fileName, FileName = fileName }.ToString();
        response.ContentType = "application/zip";
        response.ContentLength = zip.Length;
        await response.Body.WriteAsync(zip, http.RequestAborted);
        return true;
    }
}
