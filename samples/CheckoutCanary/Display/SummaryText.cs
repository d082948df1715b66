using System.Collections.Generic;
using System.Linq;
using CheckoutCanary.Run;
using ProgressiveDelivery.Rollouts;
using Spectre.Console;

namespace CheckoutCanary.Display;

/// <summary>The end-of-run summary as markup lines: per scenario what happened, why, and the numbers.</summary>
internal static class SummaryText
{
    public static IEnumerable<string> Lines(IReadOnlyList<ScenarioResult> results)
    {
        yield return "";
        yield return "[bold underline]Summary[/]";
        foreach (var result in results)
        {
            foreach (var line in Scenario(result))
            {
                yield return line;
            }
        }

        var judged = results.Where(r => r.Scenario.ExpectedStatus is not null && !r.Interrupted).ToArray();
        if (judged.Length > 0)
        {
            var expected = judged.Count(r => r.AsExpected);
            var color = expected == judged.Length ? "green" : "red";
            yield return "";
            yield return $"[{color}]{expected} of {judged.Length} scenario(s) ended as expected.[/]";
        }
    }

    private static IEnumerable<string> Scenario(ScenarioResult r)
    {
        var s = r.Final;
        var ended = r.Trail.LastOrDefault();
        var stopped = r.Interrupted && r.Scenario.ExpectedStatus is not null;
        var outcome = stopped
            ? $"interrupted at {Format.Seconds(s.Elapsed)}, still {Markup.Escape(s.Rollout.State.ToString())}"
            : r.TimedOut
            ? $"still {Markup.Escape(s.Rollout.State.ToString())} at the {Format.Seconds(s.Elapsed)} deadline"
            : $"{Markup.Escape(s.Rollout.State.ToString())} after {Format.Seconds(ended?.At ?? s.Elapsed)}";
        var mark = r.Scenario.ExpectedStatus is null ? "where you took it"
            : stopped ? $"[yellow]not judged[/] (it did not end; expected {Expected(r.Scenario)})"
            : r.AsExpected ? "[green]as expected[/]" : $"[red]NOT as expected[/] (expected {Expected(r.Scenario)})";
        yield return "";
        yield return $"[bold]{r.Scenario.Name}[/]: {outcome}, {mark}.";

        yield return "  What happened (audit log):";
        foreach (var entry in r.Trail)
        {
            var change = entry.Before is null && entry.After is null ? "" : $": {entry.Before ?? "-"} -> {entry.After ?? "-"}";
            yield return Markup.Escape($"    +{Format.Seconds(entry.At)} {entry.Actor} {entry.Action} ({entry.Reason}){change}");
            if (entry.VerdictMessage is { Length: > 0 } message && entry.Reason.StartsWith(RolloutReasons.JudgePrefix, System.StringComparison.Ordinal))
            {
                yield return Markup.Escape($"        judge: {message}");
            }
        }

        if (Why(r) is { } why)
        {
            yield return Markup.Escape("  Why: " + why);
        }

        if (s.Verdict is { } verdict)
        {
            yield return Markup.Escape($"  The judge's last verdict: {verdict.Decision} ({verdict.Reason}): {verdict.Message}");
            foreach (var m in verdict.Metrics)
            {
                yield return Markup.Escape($"    {m.Name}: {Format.Result(m.Result)}; stable {Format.Estimate(m, m.BaselineEstimate, m.BaselineCount)}, canary {Format.Estimate(m, m.CanaryEstimate, m.CanaryCount)} ({Format.Effect(m)}); {Format.Evidence(m)}");
            }
        }

        if (r.Scenario.SendsCheckoutTraffic)
        {
            yield return Markup.Escape($"  Traffic as users saw it: stable {Format.Count(s.Stable.Requests)} checkouts, {Format.Rate(s.Stable.ErrorRate)} failed, p50 {Format.Milliseconds(s.Stable.P50Milliseconds)}, p95 {Format.Milliseconds(s.Stable.P95Milliseconds)}; "
                + $"canary {Format.Count(s.Canary.Requests)}, {Format.Rate(s.Canary.ErrorRate)} failed, p50 {Format.Milliseconds(s.Canary.P50Milliseconds)}, p95 {Format.Milliseconds(s.Canary.P95Milliseconds)}.");
            yield return Markup.Escape($"  Stickiness: {Format.Count(s.StableToCanary)} user moves stable -> canary as the weight rose, {Format.Count(s.CanaryToStable)} canary -> stable"
                + (r.WentBack ? " (a rollback or abort sends everyone back to stable)." : " (only a rollback or abort may move users back)."));
        }
        else
        {
            yield return Markup.Escape($"  Traffic: {Format.Count(s.OtherPages)} catalog pages, {Format.Count(s.Stable.Requests + s.Canary.Requests)} checkouts.");
        }

        if (s.TransportErrors > 0)
        {
            yield return $"  [yellow]{Format.Count(s.TransportErrors)} request(s) failed in transport or had no implementation header.[/]";
        }

        foreach (var warning in r.Warnings)
        {
            yield return $"  [yellow]log: {Markup.Escape(warning)}[/]";
        }

        if (s.Replicas.Count > 0)
        {
            yield return Markup.Escape("  " + Deciders(r));
            yield return Markup.Escape("  Replicas at the end: " + string.Join("; ", s.Replicas.Select(x => $"{Format.Replica(x)} ({x.State ?? x.Error}, {Format.Count(x.Requests)} requests)"))
                + (s.ReplicasAgree ? ": all on the same version." : ": NOT all on the same version."));
        }

        yield return Markup.Escape($"  State and audit log: {r.Storage}");
    }

    /// <summary>Fleet mode: which replica decided (held the rollout's lease); every automatic transition above is its write.</summary>
    private static string Deciders(ScenarioResult r) => r.Deciders.Count switch
    {
        0 => "Decided by: no replica was seen holding the lease.",
        1 => $"Decided by {r.Deciders[0].ReplicaId} (process {r.Deciders[0].ProcessId}): it held the {DemoSchedule.RolloutId} lease from +{Format.Seconds(r.Deciders[0].From)} on; the others served the weights it wrote.",
        _ => "Decided by, in turn (the lease moved): " + string.Join(", ", r.Deciders.Select(d => $"{d.ReplicaId} (process {d.ProcessId}) from +{Format.Seconds(d.From)}")) + ".",
    };

    /// <summary>Why the rollout ended where it did, when the audit log's last entry does not say it in the judge's words.</summary>
    private static string? Why(ScenarioResult r) => r.Status switch
    {
        RolloutStatus.Promoted when r.Trail.Count > 0 && r.Trail[^1].Reason == RolloutReasons.StepsCompleted =>
            "every step ran to its end without the judge proving the canary worse on any metric. Adaptive bakes end early " +
            "once every metric is proven within its margin; the judge's last verdict below says how far it got.",
        RolloutStatus.RolledBack => "the judge proved the canary worse on a metric that may roll back, so everyone went back to stable at once.",
        RolloutStatus.Paused when r.Reason == RolloutReasons.JudgePrefix + "no_data" =>
            "the canary got no traffic for the judge's no-data limit; with nothing to compare, it pauses for a human instead of guessing.",
        _ => null,
    };

    private static string Expected(Scenario scenario) =>
        Markup.Escape(scenario.ExpectedStatus switch
        {
            RolloutStatus.RolledBack => "rolled back",
            { } status => status.ToString().ToLowerInvariant(),
            null => "anything",
        } + (scenario.ExpectedReason is { } reason ? $" ({reason})" : ""));
}
