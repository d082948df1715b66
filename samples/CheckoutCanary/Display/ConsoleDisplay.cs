using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using CheckoutCanary.Run;
using ProgressiveDelivery.Rollouts;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CheckoutCanary.Display;

/// <summary>The live console view (Spectre.Console): the rollout, both arms' traffic, the judge's decision and evidence.</summary>
internal sealed class ConsoleDisplay(IAnsiConsole console) : IDemoDisplay
{
    public void Line(string markup) => console.MarkupLine(markup);

    public async Task<T> ShowAsync<T>(Func<Action<DemoSnapshot>, Task<T>> body)
    {
        T result = default!;
        await console.Live(new Markup("starting...")).AutoClear(false).StartAsync(async context =>
        {
            result = await body(snapshot =>
            {
                context.UpdateTarget(Render(snapshot));
                context.Refresh();
            });
        });
        return result;
    }

    public void Summary(IReadOnlyList<ScenarioResult> results)
    {
        foreach (var line in SummaryText.Lines(results))
        {
            console.MarkupLine(line);
        }
    }

    private static IRenderable Render(DemoSnapshot s)
    {
        var state = s.Rollout.State;
        var color = state.Status switch
        {
            RolloutStatus.Promoted => "green",
            RolloutStatus.RolledBack or RolloutStatus.Aborted => "red",
            RolloutStatus.Paused => "yellow",
            _ => "blue",
        };

        var header = new Grid().AddColumn().AddColumn();
        header.AddRow("[bold]rollout[/]", $"{DemoSchedule.RolloutId} (flag {DemoSchedule.FlagKey}: stable -> canary), scenario [bold]{s.Scenario.Name}[/], {Format.Seconds(s.Elapsed)}");
        header.AddRow("[bold]status[/]", $"[{color}]{Markup.Escape(state.ToString())}[/]");
        header.AddRow("[bold]step[/]", Markup.Escape(s.StepText));
        header.AddRow("[bold]canary weight[/]", WeightBar(state.WeightPercent));

        var arms = new Table().Border(TableBorder.Rounded).Title("traffic (as users saw it)")
            .AddColumn("").AddColumn(new TableColumn("stable").RightAligned()).AddColumn(new TableColumn("canary").RightAligned());
        arms.AddRow("checkouts", Format.Count(s.Stable.Requests), Format.Count(s.Canary.Requests));
        arms.AddRow("failed", Format.Rate(s.Stable.ErrorRate), Format.Rate(s.Canary.ErrorRate));
        arms.AddRow("p50 latency", Format.Milliseconds(s.Stable.P50Milliseconds), Format.Milliseconds(s.Canary.P50Milliseconds));
        arms.AddRow("p95 latency", Format.Milliseconds(s.Stable.P95Milliseconds), Format.Milliseconds(s.Canary.P95Milliseconds));
        arms.AddRow("judged (exposures)", Format.Count(s.Rollout.BaselineExposures), Format.Count(s.Rollout.CanaryExposures));

        var judge = new Table().Border(TableBorder.Rounded)
            .Title(s.Verdict is { } v ? $"judge: [bold]{Markup.Escape(v.Decision)}[/] ({Markup.Escape(v.Reason)})" : "judge: no look yet")
            .AddColumn("metric").AddColumn("result").AddColumn(new TableColumn("stable").RightAligned())
            .AddColumn(new TableColumn("canary").RightAligned()).AddColumn(new TableColumn("canary vs stable").RightAligned())
            .AddColumn("evidence");
        foreach (var m in s.Verdict?.Metrics ?? [])
        {
            judge.AddRow(
                Markup.Escape(m.Name), ResultMarkup(m.Result), Format.Estimate(m, m.BaselineEstimate, m.BaselineCount), Format.Estimate(m, m.CanaryEstimate, m.CanaryCount),
                Format.Effect(m), Markup.Escape(Format.Evidence(m)));
        }

        var rows = new List<IRenderable> { header, arms };
        if (s.Replicas.Count > 0)
        {
            rows.Add(ReplicaTable(s));
        }

        rows.Add(judge);
        if (s.Verdict is { Message.Length: > 0 } verdict)
        {
            rows.Add(new Markup($"[grey]{Markup.Escape(verdict.Message)}[/]"));
        }

        if (s.Notice is { } notice)
        {
            rows.Add(new Markup($"[yellow]{Markup.Escape(notice)}[/]"));
        }

        if (s.Interactive)
        {
            rows.Add(new Markup($"[bold]keys[/]: {Markup.Escape(InteractiveControls.Keys)}"));
        }

        return new Rows(rows);
    }

    /// <summary>Fleet mode: each replica's weight, state and applied version from its own admin endpoints, and the decider.</summary>
    private static Table ReplicaTable(DemoSnapshot s)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("replicas (from each one's /progressive-delivery/fleet and /rollouts)")
            .AddColumn("replica").AddColumn("address").AddColumn(new TableColumn("process").RightAligned())
            .AddColumn(new TableColumn("canary weight").RightAligned()).AddColumn("state").AddColumn(new TableColumn("applied version").RightAligned())
            .AddColumn("lease").AddColumn(new TableColumn("requests").RightAligned());
        foreach (var r in s.Replicas)
        {
            table.AddRow(
                Markup.Escape(r.ReplicaId + (r.Number == 1 ? " (this process)" : "")), Markup.Escape(r.Address.ToString()), r.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                r.Error is null ? Format.Percent(r.WeightPercent) : "[red]unreachable[/]", Markup.Escape(r.State ?? r.Error ?? "-"),
                r.Error is null ? r.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-",
                r.HoldsLease ? "[green]holds it: decides[/]" : "-", Format.Count(r.Requests));
        }

        return table;
    }

    private static string WeightBar(double percent)
    {
        const int Width = 40;
        var filled = (int)Math.Round(percent / 100 * Width);
        return $"[green]{new string('#', filled)}[/][grey]{new string('.', Width - filled)}[/] {Format.Percent(percent)}";
    }

    private static string ResultMarkup(string result) => result switch
    {
        "Pass" => "[green]pass[/]",
        "FailHigher" or "FailLower" => $"[red]{Format.Result(result)}[/]",
        _ => Markup.Escape(Format.Result(result)),
    };
}
