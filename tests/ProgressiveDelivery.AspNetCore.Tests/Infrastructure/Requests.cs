using System.Net.Http;

namespace ProgressiveDelivery.AspNetCore.Tests.Infrastructure;

/// <summary>Request factories.</summary>
internal static class Requests
{
    /// <summary>A GET for a unit given in the <c>X-Unit</c> header.</summary>
    public static HttpRequestMessage Get(string path, string unit)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Unit", unit);
        return request;
    }
}
