using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using CheckoutCanary.App;
using CheckoutCanary.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CheckoutCanary.Tests;

/// <summary>
/// The demo as a real process stops on Ctrl+C (SIGINT) and SIGTERM, also when its input is not a terminal: the run is
/// cancelled, the app and the load stop, the summary is printed, and it exits within seconds with the documented code
/// (0 for <c>--interactive</c>, 143 or 130 for scenarios that did not end). Before, SIGTERM was swallowed by the
/// embedded web app's console lifetime and the demo had to be killed.
/// </summary>
public sealed class ShutdownSignalsTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(15);
    private readonly string _stateRoot = Path.Combine(Path.GetTempPath(), "CheckoutCanary.Tests-" + Guid.NewGuid().ToString("N"));

    [LinuxFact]
    public async Task Sigterm_InteractiveWithInputAnOpenPipe_StopsWithTheSummaryAndExits0()
    {
        await using var demo = DemoProcess.Start(Arguments("--interactive"), closeInput: false);
        try
        {
            var dashboard = await demo.WaitForLineAsync("  dashboard: ", StartLimit);
            await AssertSignInLinkOpensTheDashboardAsync(new Uri(dashboard["  dashboard: ".Length..]));
            Assert.Contains("  keys: none (the input is not a terminal); Ctrl+C or SIGTERM stops the run", demo.Lines);

            demo.Signal(DemoProcess.Sigterm);

            Assert.True(await demo.WaitForExitAsync(StopLimit), $"still running {StopLimit.TotalSeconds:0} s after SIGTERM");
            Assert.Equal(0, demo.ExitCode);
            AssertInteractiveSummary(demo);
        }
        finally
        {
            output.WriteLine(demo.Output);
        }
    }

    [LinuxFact]
    public async Task Sigint_InteractiveWithInputClosed_StopsWithTheSummaryAndExits0()
    {
        await using var demo = DemoProcess.Start(Arguments("--interactive"), closeInput: true);
        try
        {
            await demo.WaitForLineAsync("  dashboard: ", StartLimit);
            await demo.WaitForLineAsync("[", StartLimit); // the run is under way: a progress line

            demo.Signal(DemoProcess.Sigint);

            Assert.True(await demo.WaitForExitAsync(StopLimit), $"still running {StopLimit.TotalSeconds:0} s after SIGINT");
            Assert.Equal(0, demo.ExitCode);
            AssertInteractiveSummary(demo);
        }
        finally
        {
            output.WriteLine(demo.Output);
        }
    }

    [LinuxFact]
    public async Task Sigterm_ScenariosThatDidNotEnd_PrintsTheSummaryAndExits143()
    {
        await using var demo = DemoProcess.Start(Arguments("--scenario", "healthy,error-regression"), closeInput: true);
        try
        {
            await demo.WaitForLineAsync("[", StartLimit);

            demo.Signal(DemoProcess.Sigterm);

            Assert.True(await demo.WaitForExitAsync(StopLimit), $"still running {StopLimit.TotalSeconds:0} s after SIGTERM");
            Assert.Equal(143, demo.ExitCode);
            Assert.Contains("Summary", demo.Lines);
            Assert.Contains(demo.Lines, l => l.StartsWith("healthy: interrupted at ", StringComparison.Ordinal) && l.Contains("not judged", StringComparison.Ordinal));
            Assert.DoesNotContain(demo.Lines, l => l.StartsWith("error-regression:", StringComparison.Ordinal)); // never started
            Assert.Contains("Stopped by SIGTERM: 2 of 2 scenario(s) did not end (exit code 143).", demo.Lines);
        }
        finally
        {
            output.WriteLine(demo.Output);
        }
    }

    /// <summary>The printed link signs a browser in: a cookie, and the dashboard opens with it (details in <see cref="BrowserSignInTests"/>).</summary>
    private static async Task AssertSignInLinkOpensTheDashboardAsync(Uri link)
    {
        Assert.Equal("127.0.0.1", link.Host);
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var client = new HttpClient(handler);
        using var signIn = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Single(cookies.GetAllCookies(), c => c.Name == BrowserSignIn.CookieName);
        using var dashboard = await client.GetAsync(new Uri(link, signIn.Headers.Location!));
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    private static void AssertInteractiveSummary(DemoProcess demo)
    {
        Assert.Contains("Summary", demo.Lines);
        Assert.Contains(demo.Lines, l => l.StartsWith("interactive: ", StringComparison.Ordinal) && l.EndsWith("where you took it.", StringComparison.Ordinal));
        Assert.DoesNotContain(demo.Lines, l => l.StartsWith("stderr: ", StringComparison.Ordinal));
    }

    /// <summary>A light run (the tests share two cores): the fast schedule, plain lines, 200 users at 50 requests/s.</summary>
    private string[] Arguments(params string[] mode) =>
        [.. mode, "--fast", "--plain", "--users", "200", "--rate", "50", "--state-dir", _stateRoot];

    public void Dispose()
    {
        if (Directory.Exists(_stateRoot))
        {
            Directory.Delete(_stateRoot, recursive: true);
        }
    }
}
