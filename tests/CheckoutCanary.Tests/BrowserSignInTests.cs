using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CheckoutCanary.App;
using ProgressiveDelivery.Rollouts;

namespace CheckoutCanary.Tests;

/// <summary>
/// <c>--interactive</c>'s browser sign-in, against the real app on Kestrel: the printed link's code gives a browser a
/// cookie that opens the dashboard and runs the commands its page sends (same origin, JSON); a wrong or missing code
/// gives nothing, and the cookie does not make cross-site commands possible.
/// </summary>
public sealed class BrowserSignInTests : IAsyncLifetime
{
    private readonly string _stateDirectory = Path.Combine(Path.GetTempPath(), "CheckoutCanary.Tests-" + Guid.NewGuid().ToString("N"));
    private readonly BrowserSignIn _signIn = new();
    private readonly CookieContainer _cookies = new();
    private HttpClientHandler _handler = null!;
    private HttpClient _browser = null!;
    private CheckoutApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await CheckoutApp.StartAsync(Scenario.Interactive, DemoSchedule.Fast, _stateDirectory, CancellationToken.None, signIn: _signIn);
        _handler = new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false };
        _browser = new HttpClient(_handler) { BaseAddress = _app.BaseAddress };
    }

    [Fact]
    public async Task SignIn_RightCode_SetsACookieThatOpensTheDashboardAndRunsItsCommands()
    {
        using var signIn = await _browser.GetAsync(_signIn.Url(_app.BaseAddress));

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(CheckoutApp.AdminPrefix + "/dashboard", signIn.Headers.Location!.OriginalString);
        var setCookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(BrowserSignIn.CookieName + "=", setCookie, StringComparison.Ordinal);
        Assert.Contains("path=/;", setCookie, StringComparison.Ordinal);
        Assert.Contains("samesite=strict", setCookie, StringComparison.Ordinal);
        Assert.Contains("httponly", setCookie, StringComparison.Ordinal);
        Assert.DoesNotContain("expires", setCookie, StringComparison.OrdinalIgnoreCase); // the browser's session only

        using var dashboard = await _browser.GetAsync(signIn.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal("text/html", dashboard.Content.Headers.ContentType?.MediaType);

        // The pause button's request: same origin, JSON, the cookie.
        await WaitForProgressingAsync();
        using var paused = await _browser.SendAsync(Command("pause", "paused from the dashboard", Origin()));
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.Equal(RolloutStatus.Paused, State().Status);
        var audit = await _app.Audit.ReadAsync(DemoSchedule.RolloutId);
        Assert.Contains(audit, e => e.Action == "pause" && e.Actor == BrowserSignIn.Actor && e.Reason == "paused from the dashboard");
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("empty")]
    [InlineData("another length")]
    [InlineData("one character off")]
    public async Task SignIn_WrongOrMissingCode_Is403WithoutACookieAndTheDashboardStaysClosed(string kind)
    {
        var query = kind switch
        {
            "missing" => "",
            "empty" => "?code=",
            "another length" => "?code=" + _signIn.Code + "A",
            _ => "?code=" + _signIn.Code[..^1] + (_signIn.Code[^1] == 'A' ? 'B' : 'A'),
        };

        using var signIn = await _browser.GetAsync(BrowserSignIn.Path.TrimStart('/') + query);

        Assert.Equal(HttpStatusCode.Forbidden, signIn.StatusCode);
        Assert.False(signIn.Headers.Contains("Set-Cookie"));
        Assert.Empty(_cookies.GetAllCookies());
        using var dashboard = await _browser.GetAsync(CheckoutApp.AdminPrefix.TrimStart('/') + "/dashboard");
        Assert.Equal(HttpStatusCode.Unauthorized, dashboard.StatusCode); // not a redirect to a login page
    }

    [Fact]
    public async Task Command_CookieFromAnotherSite_IsRefused()
    {
        using var signIn = await _browser.GetAsync(_signIn.Url(_app.BaseAddress));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        await WaitForProgressingAsync();

        using var crossSite = await _browser.SendAsync(Command("abort", "a forged request", "http://attacker.example"));

        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        Assert.Equal(RolloutStatus.Progressing, State().Status);
    }

    [Fact]
    public void Code_IsNewEachRun_UrlSafe_AndAtLeast128Bits()
    {
        var other = new BrowserSignIn();

        Assert.NotEqual(_signIn.Code, other.Code);
        Assert.Equal(22, _signIn.Code.Length); // 128 bits in base64url, no padding
        Assert.Equal(16, System.Buffers.Text.Base64Url.DecodeFromChars(_signIn.Code).Length);
        Assert.All(_signIn.Code, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_', $"'{c}' is not URL-safe"));
        Assert.True(_signIn.Accepts(_signIn.Code));
        Assert.False(_signIn.Accepts(other.Code));
        Assert.False(_signIn.Accepts(null));
        Assert.Equal(new Uri(_app.BaseAddress, "demo/sign-in?code=" + _signIn.Code), _signIn.Url(_app.BaseAddress));
    }

    [Fact]
    public async Task StartAsync_WithoutSignIn_MapsNoSignIn()
    {
        var directory = _stateDirectory + "-plain";
        try
        {
            await using var app = await CheckoutApp.StartAsync(Scenario.Healthy, DemoSchedule.Fast, directory, CancellationToken.None);
            using var client = new HttpClient { BaseAddress = app.BaseAddress };

            using var signIn = await client.GetAsync(BrowserSignIn.Path.TrimStart('/') + "?code=" + _signIn.Code);

            Assert.Equal(HttpStatusCode.NotFound, signIn.StatusCode);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>A command as the dashboard's page sends it: JSON with a reason, the page's <c>Origin</c>.</summary>
    private static HttpRequestMessage Command(string command, string reason, string origin) =>
        new(HttpMethod.Post, $"{CheckoutApp.AdminPrefix.TrimStart('/')}/rollouts/{DemoSchedule.RolloutId}/{command}")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { reason }), Encoding.UTF8, "application/json"),
            Headers = { { "Origin", origin } },
        };

    private string Origin() => _app.BaseAddress.GetLeftPart(UriPartial.Authority);

    private RolloutState State() => _app.Rollouts.GetRollout(DemoSchedule.RolloutId)!.State;

    /// <summary>The rollout starts on the first tick (a quarter second on the fast schedule), traffic or not.</summary>
    private async Task WaitForProgressingAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (State().Status != RolloutStatus.Progressing)
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out; the rollout is {State()}");
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        _handler.Dispose();
        await _app.DisposeAsync();
        if (Directory.Exists(_stateDirectory))
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
    }
}
