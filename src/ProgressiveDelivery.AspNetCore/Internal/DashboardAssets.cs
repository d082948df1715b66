using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>
/// The dashboard's files, embedded in this assembly (no CDN, works offline), served with a Content-Security-Policy that
/// allows only this origin's script, style and API and forbids framing.
/// </summary>
internal static class DashboardAssets
{
    /// <summary>
    /// Scripts, styles and fetches from this origin only; no inline script or style (the page has none: every string is
    /// set as text, every style is a class), no plugins, no forms posting elsewhere, never inside a frame.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly Lazy<byte[]> Page = Load("index.html");
    private static readonly Lazy<byte[]> Script = Load("dashboard.js");
    private static readonly Lazy<byte[]> Charts = Load("dashboard-charts.js");
    private static readonly Lazy<byte[]> Style = Load("dashboard.css");

    public static Task ServePage(HttpContext context) => ServeAsync(context, Page.Value, "text/html; charset=utf-8");

    public static Task ServeScript(HttpContext context) => ServeAsync(context, Script.Value, "text/javascript; charset=utf-8");

    public static Task ServeCharts(HttpContext context) => ServeAsync(context, Charts.Value, "text/javascript; charset=utf-8");

    public static Task ServeStyle(HttpContext context) => ServeAsync(context, Style.Value, "text/css; charset=utf-8");

    private static Task ServeAsync(HttpContext context, byte[] content, string contentType)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        context.Response.ContentType = contentType;
        context.Response.ContentLength = content.Length;
        return context.Response.Body.WriteAsync(content, 0, content.Length, context.RequestAborted);
    }

    private static Lazy<byte[]> Load(string name) => new(() =>
    {
        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream("ProgressiveDelivery.Dashboard." + name)
            ?? throw new InvalidOperationException("The dashboard asset '" + name + "' is missing from the assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    });
}
