using System;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>
/// The cross-site request forgery defence of the admin commands: a command must come from this site (the <c>Origin</c> /
/// <c>Sec-Fetch-Site</c> check, 403) and must be <c>application/json</c> (415).
/// </summary>
/// <remarks>
/// A cross-site HTML form can only send <c>application/x-www-form-urlencoded</c>, <c>multipart/form-data</c> or
/// <c>text/plain</c>, and a cross-origin <c>fetch</c> with <c>Content-Type: application/json</c> needs a CORS preflight
/// that the browser will not pass unless the application allows that origin with credentials. The JSON-only rule alone
/// therefore stops the classic forgery; the origin check closes what it leaves open: a permissive CORS policy, and a
/// same-site attacker (another subdomain) that cookies with <c>SameSite=Lax</c> do not stop. Browsers send
/// <c>Sec-Fetch-Site</c> (and <c>Origin</c> on every POST); tools such as curl send neither and are allowed, since they
/// carry no ambient credentials of a victim's browser.
/// </remarks>
internal static class AdminRequestGuard
{
    /// <summary>Why the request is refused as cross-site, or <see langword="null"/> when it may run.</summary>
    public static string? CrossSiteError(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0 && fetchSite is not ("same-origin" or "none"))
        {
            return "Admin commands must come from the same origin: the browser marked this request Sec-Fetch-Site: " + fetchSite + ".";
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !IsSameOrigin(origin, request))
        {
            return "Admin commands must come from the same origin: Origin '" + origin + "' is not " + request.Scheme + "://" + request.Host.Value
                + " (behind a proxy, apply the forwarded headers with UseForwardedHeaders before the admin endpoints).";
        }

        return null;
    }

    /// <summary>Whether the body is declared <c>application/json</c> (parameters such as <c>charset</c> allowed).</summary>
    public static bool IsJson(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
        && mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);

    private static bool IsSameOrigin(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && uri.AbsolutePath == "/"
        && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.Authority, HostAuthority(request), StringComparison.OrdinalIgnoreCase);

    private static string HostAuthority(HttpRequest request)
    {
        // Uri.Authority drops the default port of its scheme; the Host header may carry it.
        var host = request.Host;
        var defaultPort = string.Equals(request.Scheme, "https", StringComparison.OrdinalIgnoreCase) ? 443 : 80;
        return host.Port == defaultPort ? host.Host : host.Value ?? string.Empty;
    }
}
