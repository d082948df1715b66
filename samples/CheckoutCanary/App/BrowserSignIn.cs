using System;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace CheckoutCanary.App;

/// <summary>
/// <c>--interactive</c>'s way into the dashboard: a browser cannot send the demo's bearer header, so each run makes a
/// secret code (128 random bits, URL-safe) and prints a link with it. <c>GET /demo/sign-in?code=...</c> with the code
/// signs the browser in as the release manager <see cref="Actor"/> with a cookie and redirects to the dashboard; a
/// wrong or missing code is 403 and sets no cookie.
/// </summary>
/// <remarks>
/// The code is good for the whole run, not once, so the link also works in a second browser or after the browser was
/// closed; it dies with the run. So does the cookie: it is sealed with data-protection keys held in memory only
/// (<c>UseEphemeralDataProtectionProvider</c>), so a cookie from an earlier run (browsers do not separate cookies by
/// port) is worthless. The cookie is HttpOnly and SameSite=Strict; the admin commands' own guard (same origin, JSON
/// only) keeps other sites from using it.
/// </remarks>
internal sealed class BrowserSignIn
{
    public const string Path = "/demo/sign-in";
    public const string CookieScheme = "DemoCookie";
    public const string CookieName = ".CheckoutCanary.SignIn";
    public const string Actor = DemoAuthenticationHandler.AdminPrefix + "browser";
    public const int CodeBits = 128;

    private readonly byte[] _code;

    public BrowserSignIn()
    {
        Code = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(CodeBits / 8));
        _code = Encoding.UTF8.GetBytes(Code);
    }

    /// <summary>This run's code (base64url, no padding).</summary>
    public string Code { get; }

    /// <summary>The link to print: the sign-in with this run's code on the app at <paramref name="baseAddress"/>.</summary>
    public Uri Url(Uri baseAddress) => new(baseAddress, $"{Path.TrimStart('/')}?code={Code}");

    /// <summary>Whether <paramref name="code"/> is this run's code, compared in constant time.</summary>
    public bool Accepts(string? code) =>
        code is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(code), _code);

    /// <summary>
    /// The cookie: HttpOnly, SameSite=Strict, path /, for the browser's session. Not signed in or not allowed is 401 or
    /// 403, not a redirect to a login page the demo does not have (curl and the keys get the same answers as before).
    /// </summary>
    public static void ConfigureCookie(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.Path = "/";
        // The demo serves plain HTTP on 127.0.0.1, where a Secure cookie would never be sent back.
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.Events.OnRedirectToLogin = static context =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        };
        options.Events.OnRedirectToAccessDenied = static context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
    }

    /// <summary><c>GET /demo/sign-in?code=...</c>: the cookie and a redirect to the dashboard, or 403 without a cookie.</summary>
    public async Task<IResult> SignInAsync(HttpContext context, string? code)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        if (!Accepts(code))
        {
            return Results.Text(
                "Wrong or missing sign-in code: open the dashboard link this run of the demo printed (the code changes every run).",
                statusCode: StatusCodes.Status403Forbidden);
        }

        await context.SignInAsync(CookieScheme, DemoAuthenticationHandler.SignedIn(Actor, CookieScheme));
        return Results.Redirect(CheckoutApp.AdminPrefix + "/dashboard");
    }
}
