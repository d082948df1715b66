using System;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using ProgressiveDelivery.AspNetCore.Tests.Infrastructure;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Persistence;
using Xunit.Abstractions;

namespace ProgressiveDelivery.AspNetCore.Tests.Dashboard;

/// <summary>
/// What the package README states about the dashboard: the bytes of a first load and the time to render a rollout
/// with a full 24-hour history (200 points), measured in chromium.
/// </summary>
[Collection(BrowserFactAttribute.Collection)]
public sealed class DashboardPerformanceTests(ITestOutputHelper output)
{
    [BrowserFact]
    public async Task Dashboard_A24HourHistory_LoadsUnder200KBAndRendersWithinSeconds()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var store = new InMemoryRolloutStore(clock);
        var audit = new InMemoryAuditLog(clock);
        await using (var first = await DashboardTestApp.StartAsync(clock, store, audit))
        {
            await first.App.TickAsync(clock); // a real stored state to give a day of history
        }

        var document = (await store.GetAsync("search-v2"))!;
        var state = JsonNode.Parse(document.State.GetRawText())!.AsObject();
        state["history"] = DayOfHistory(clock.GetUtcNow());
        await store.SaveAsync(document.WithState(JsonNodeToElement(state), document.AuditHead), document.Version);

        await using var app = await DashboardTestApp.StartAsync(clock, store, audit);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = BrowserFactAttribute.ChromiumPath, Args = ["--no-sandbox"] });
        await using var context = await browser.NewContextAsync(new()
        {
            BaseURL = app.BaseAddress.ToString(),
            ExtraHTTPHeaders = new System.Collections.Generic.Dictionary<string, string> { ["X-Test-User"] = "alice", ["X-Test-Role"] = "admin" },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("pd/dashboard#/rollouts/search-v2");
        await Assertions.Expect(page.Locator("figure.chart svg")).ToHaveCountAsync(6);
        var renderedMs = await page.EvaluateAsync<double>("performance.getEntriesByName('pd-rendered')[0].startTime"); // since navigation start
        var bytes = await page.EvaluateAsync<double>(
            "performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource')).reduce((sum, e) => sum + e.transferSize, 0)");
        var points = await page.Locator("figure.chart").First.Locator("polyline").GetAttributeAsync("points");

        var historyBytes = await page.EvaluateAsync<double>("fetch('rollouts/search-v2/history').then(r => r.text()).then(t => t.length)");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"first load: {bytes / 1024:F1} KB transferred (uncompressed; history {historyBytes / 1024:F1} KB), first render of data {renderedMs:F0} ms after navigation start"));
        Assert.True(points!.Split(' ').Length >= 200, "every point of the day is drawn");
        Assert.InRange(bytes, 1, 200 * 1024);
        // The time is reported, not held to a tight bound: it measures the machine as much as the page (0.7 s alone on
        // 2 cores, 3 s beside the whole suite). The bound catches a page that stopped scaling with its points.
        Assert.InRange(renderedMs, 1, 10_000);
    }

    /// <summary>200 points over 24 hours, as the history keeps them, with two judged metrics and latency.</summary>
    private static JsonArray DayOfHistory(DateTimeOffset end)
    {
        var points = new JsonArray();
        for (var i = 0; i < 200; i++)
        {
            var t = end.AddHours(-24).AddSeconds(i * 432);
            var weight = i < 50 ? 10 : i < 100 ? 25 : i < 150 ? 50 : 75;
            var width = 2.0 / Math.Sqrt(i + 1);
            var json = string.Create(CultureInfo.InvariantCulture, $$$"""
                {"timestamp":"{{{t:O}}}","weightPercent":{{{weight}}},"status":"progressing","attempt":1,"stepIndex":{{{i / 50}}},"decision":"continue","srmPValue":0.8,
                 "arms":{"baseline":{"exposures":{{{1000 * i}}},"errors":{{{10 * i}}},"errorRate":0.01,"latencyP50Seconds":0.05,"latencyP95Seconds":0.18},
                         "canary":{"exposures":{{{300 * i}}},"errors":{{{3 * i}}},"errorRate":0.0101,"latencyP50Seconds":0.051,"latencyP95Seconds":0.19}},
                 "metrics":[{"name":"errors","result":"Inconclusive","scale":"log_ratio","effect":0.01,"lower":{{{-width}}},"upper":{{{width}}},"tolerance":0.4055},
                            {"name":"latency","result":"Inconclusive","scale":"log_ratio","effect":0.01,"lower":{{{-width / 10}}},"upper":{{{width / 10}}},"tolerance":0.0953}]}
                """);
            points.Add(JsonNode.Parse(json));
        }

        return points;
    }

    private static System.Text.Json.JsonElement JsonNodeToElement(JsonNode node)
    {
        using var document = System.Text.Json.JsonDocument.Parse(Encoding.UTF8.GetBytes(node.ToJsonString()));
        return document.RootElement.Clone();
    }
}
