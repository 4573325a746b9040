using Engine.Core.DataRights;
using Microsoft.Net.Http.Headers;

namespace Engine.Web.DataRights;

/// <summary>"Download my data" as a file: the same zip from the account page and the API.</summary>
public static class MyDataDownload
{
    /// <summary>The zip of the signed-in member's data; false when there is no such member (a deleted account's cookie).</summary>
    public static async Task<bool> SendAsync(HttpContext http, DownloadMyData download, string tenantId, long memberId, TimeProvider clock)
    {
        var data = await download.ForAsync(tenantId, memberId, http.RequestAborted);
        if (data is null) return false;
        var zip = MemberDataWriter.Zip(data);
        var fileName = $"{tenantId}-my-data-{clock.GetUtcNow():yyyyMMdd-HHmm}.zip";
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
