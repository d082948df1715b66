using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Playwright;
using ProgressiveDelivery.AspNetCore.Tests.Infrastructure;

namespace ProgressiveDelivery.AspNetCore.Tests.Dashboard;

/// <summary>
/// The dashboard in a real browser (Debian's chromium driven by Playwright) against a Kestrel app: a rollout progresses
/// and rolls back on screen, a rollout is paused through its button with a reason that lands in the audit log, markup in
/// a reason and a flag description shows as text. Saves the screenshots under docs/images/ that the READMEs show.
/// </summary>
[Collection(BrowserFactAttribute.Collection)]
public sealed class DashboardBrowserTests
{
    private const string InjectedReason = "<b>lunch</b><script>window.__pwned=2</script> back at 2";

    [BrowserFact]
    public async Task Dashboard_InChromium_ShowsProgressRollbackPauseAndEncodesMarkup()
    {
        await using var app = await DashboardTestApp.StartAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox"],
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            ExtraHTTPHeaders = new Dictionary<string, string> { ["X-Test-User"] = "alice", ["X-Test-Role"] = "admin" },
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            ColorScheme = ColorScheme.Light,
            TimezoneId = "UTC",
        });
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Location.StartsWith(app.BaseAddress + "favicon.ico", StringComparison.Ordinal)) // the app's, not ours
            {
                consoleErrors.Add(message.Text + " " + message.Location);
            }
        };
        page.PageError += (_, error) => consoleErrors.Add(error);

        await app.App.TickAsync(app.Clock); // both rollouts start
        await page.GotoAsync("pd/dashboard#/rollouts");
        var checkoutRow = page.Locator("tr", new() { HasText = "checkout-v2" });
        await Expect(checkoutRow).ToContainTextAsync("progressing");
        await Expect(checkoutRow).ToContainTextAsync("20%");

        // Progress: a healthy canary bakes 5 minutes and steps to 50%.
        await RunAsync(app, minutes: 6);
        await Expect(checkoutRow).ToContainTextAsync("50%", new() { Timeout = 20_000 });
        await Screenshot(page, "dashboard-rollouts.png");

        // Roll back: the canary starts failing; the judge proves it worse and the page shows it.
        app.CanaryBroken = true;
        await RunAsync(app, minutes: 4);
        await Expect(checkoutRow).ToContainTextAsync("rolled back", new() { Timeout = 20_000 });

        await checkoutRow.GetByRole(AriaRole.Link, new() { Name = "checkout-v2" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Rollout checkout-v2");
        await Expect(page.Locator("figure.chart")).ToHaveCountAsync(6); // weight, error rate, latency, errors, latency effect, SRM
        await Expect(page.Locator("#audit")).ToContainTextAsync("rolled back (judge:metric_failed)");
        await Screenshot(page, "dashboard-rollout.png");

        // Pause the other rollout through its button, with a reason that carries markup.
        await page.GotoAsync("pd/dashboard#/rollouts/search-v2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause…" }).ClickAsync();
        await page.GetByLabel("Reason").FillAsync(InjectedReason);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        var entry = page.Locator("#audit tr", new() { HasText = "alice" });
        await Expect(entry).ToContainTextAsync("pause");
        await Expect(entry.Locator("td.reason")).ToHaveTextAsync(InjectedReason);
        await Expect(entry.Locator("td.reason b")).ToHaveCountAsync(0);
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("paused");

        // Flags: the description's markup is text, no image element was made, no script ran.
        await page.GotoAsync("pd/dashboard#/flags");
        await Expect(page.Locator("#flag-checkout .description")).ToHaveTextAsync(DashboardTestApp.InjectedDescription);
        await Expect(page.Locator("main img")).ToHaveCountAsync(0);
        await Expect(page.Locator("#flag-checkout")).ToContainTextAsync("payments-team");
        await Expect(page.Locator("#flag-checkout")).ToContainTextAsync("stale: expired"); // on the server's (fake) clock
        await Expect(page.Locator("#flag-checkout")).ToContainTextAsync("serves 'old' to everyone"); // rolled back: one variant
        await Expect(page.Locator("#stale-summary")).ToContainTextAsync("1 stale");
        await Expect(page.Locator("#flag-legacy-banner")).ToContainTextAsync("not in the flags document"); // from Microsoft.FeatureManagement
        await Expect(page.Locator("#flag-legacy-banner")).ToContainTextAsync("serves 'on' to everyone");
        await Screenshot(page, "dashboard-flags.png");

        Assert.Equal("undefined", await page.EvaluateAsync<string>("typeof window.__pwned"));
        Assert.True(consoleErrors.Count == 0, string.Join(Environment.NewLine, consoleErrors));

        // The same page in the dark scheme.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Dark });
        await page.GotoAsync("pd/dashboard#/rollouts/checkout-v2");
        await Expect(page.Locator("figure.chart")).ToHaveCountAsync(6);
        await Screenshot(page, "dashboard-rollout-dark.png", dark: true);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    /// <summary>Serves traffic minute by minute of the app's clock (each request advances it by its latency), ticking between batches.</summary>
    private static async Task RunAsync(DashboardTestApp app, int minutes)
    {
        var end = app.Clock.GetUtcNow().AddMinutes(minutes);
        while (app.Clock.GetUtcNow() < end)
        {
            await app.TrafficAsync(150);
            await app.App.TickAsync(app.Clock);
        }
    }

    private static Task Screenshot(IPage page, string name, bool dark = false) =>
        page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(ImagesDirectory(), name),
            FullPage = true,
            // The wall-clock time of the last refresh, painted over in the header's colour (the page's CSP refuses an
            // injected style, as it should): everything else comes from the app's manual clock.
            Mask = [page.Locator("#refresh-status")],
            MaskColor = dark ? "#161b22" : "#f6f8fa",
        });

    /// <summary>docs/images of the repository this test was built from (found by walking up to the solution file).</summary>
    private static string ImagesDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ProgressiveDelivery.slnx")))
            {
                var images = Path.Combine(directory.FullName, "docs", "images");
                Directory.CreateDirectory(images);
                return images;
            }
        }

        throw new DirectoryNotFoundException("ProgressiveDelivery.slnx not found above " + AppContext.BaseDirectory + ".");
    }
}
