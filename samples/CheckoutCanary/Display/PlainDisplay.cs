using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using CheckoutCanary.Run;
using Spectre.Console;

namespace CheckoutCanary.Display;

/// <summary>
/// Plain lines for redirected output (CI, logs, tests): one when the rollout's state or the judge's decision changes,
/// and one every few seconds otherwise.
/// </summary>
internal sealed class PlainDisplay(TextWriter writer) : IDemoDisplay
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(5);

    public void Line(string markup) => writer.WriteLine(Markup.Remove(markup));

    public Task<T> ShowAsync<T>(Func<Action<DemoSnapshot>, Task<T>> body)
    {
        string? lastKey = null;
        var lastPrinted = TimeSpan.MinValue;
        DemoSnapshot? latest = null;
        return ShowCoreAsync();

        async Task<T> ShowCoreAsync()
        {
            var result = await body(snapshot =>
            {
                latest = snapshot;
                var key = snapshot.Rollout.State + "|" + snapshot.Verdict?.Decision + "|" + snapshot.Notice;
                if (key != lastKey || snapshot.Elapsed - lastPrinted >= Heartbeat)
                {
                    writer.WriteLine(Format.Line(snapshot) + (snapshot.Notice is { } notice ? " | " + notice : ""));
                    lastKey = key;
                    lastPrinted = snapshot.Elapsed;
                }
            });
            if (latest is not null)
            {
                writer.WriteLine(Format.Line(latest));
            }

            return result;
        }
    }

    public void Summary(IReadOnlyList<ScenarioResult> results)
    {
        foreach (var line in SummaryText.Lines(results))
        {
            writer.WriteLine(Markup.Remove(line));
        }
    }
}
