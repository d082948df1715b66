using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CheckoutCanary.App;
using CheckoutCanary.Fleet;
using CheckoutCanary.Load;
using ProgressiveDelivery.Rollouts;
using Spectre.Console;

namespace CheckoutCanary.Run;

/// <summary>
/// Runs one scenario: a fresh app over a cleaned state folder, the load, the live display, until the rollout ends
/// (promoted, rolled back, aborted or paused), the deadline passes, or, interactive, the user quits; or until the run
/// is cancelled (Ctrl+C, SIGTERM), which ends it with a last look, marked interrupted.
/// </summary>
internal sealed class ScenarioRunner(DemoSettings settings, IDemoDisplay display)
{
    private static readonly TimeSpan FleetSettleLimit = TimeSpan.FromSeconds(5);

    public async Task<ScenarioResult> RunAsync(Scenario scenario, bool interactive, CancellationToken cancellationToken)
    {
        var stateDirectory = Path.Combine(settings.StateRoot, scenario.Name);
        var startedAt = TimeProvider.System.GetUtcNow();
        await using var fleet = settings.Fleet is { } demoFleet ? await ReplicaSet.StartAsync(demoFleet, scenario, settings, cancellationToken) : null;
        if (fleet is null)
        {
            Clean(stateDirectory);
        }

        var signIn = interactive ? new BrowserSignIn() : null;
        await using var single = fleet is null ? await CheckoutApp.StartAsync(scenario, settings.Schedule, stateDirectory, cancellationToken, settings.Telemetry, signIn: signIn) : null;
        var app = fleet?.App ?? single!;
        display.Line($"[bold]{scenario.Name}[/]: {Markup.Escape(scenario.Story)}");
        var storage = fleet?.Storage ?? stateDirectory;
        display.Line(Markup.Escape($"  app on {app.BaseAddress} ({settings.Load.Users:N0} users, {settings.Load.RequestsPerSecond} requests/s); state and audit log in {storage}"));
        if (fleet is not null)
        {
            display.Line(Markup.Escape($"  fleet mode: this process is replica-1; {fleet.Count - 1} more replica(s) start as child processes and join the round robin as each one listens"));
        }

        if (TelemetrySetup.Describe(settings.Telemetry, app.BaseAddress) is { } telemetry)
        {
            display.Line(Markup.Escape(telemetry));
        }

        using var controls = interactive ? new InteractiveControls(app) : null;
        if (signIn is not null)
        {
            display.Line(Markup.Escape($"  dashboard: {signIn.Url(app.BaseAddress)}"));
            display.Line(Markup.Escape($"    (open it in a browser: signs in as {BrowserSignIn.Actor}, for this run only)"));
            display.Line(Markup.Escape($"  admin endpoints: {app.BaseAddress}{CheckoutApp.AdminPrefix.TrimStart('/')}/rollouts (header 'Authorization: Bearer {InteractiveControls.Actor}'), e.g."));
            display.Line(Markup.Escape($"  {InteractiveControls.CurlExample(app.BaseAddress, "promote")}"));
            display.Line(Markup.Escape(Console.IsInputRedirected
                ? "  keys: none (the input is not a terminal); Ctrl+C or SIGTERM stops the run"
                : $"  keys: {InteractiveControls.Keys}"));
        }

        var load = new LoadGenerator(app.BaseAddress, settings.Load, fleet?.Count ?? 1);
        var watch = new Watch(scenario, app, load, controls, fleet, startedAt);
        // The replicas table shows each child as it joins (a line printed now would run over the live table).
        var joining = fleet?.JoinAsync(member => load.AddReplica(member.Number - 1, member.Address));
        DemoSnapshot final;
        bool timedOut;
        bool interrupted;
        try
        {
            load.Start(scenario.SendsCheckoutTraffic);
            (final, timedOut, interrupted) = await display.ShowAsync(report => WatchAsync(watch, report, joining, cancellationToken));
            if (joining is not null && !cancellationToken.IsCancellationRequested)
            {
                await joining; // a child that could not start fails the scenario with its reason
            }
        }
        finally
        {
            await load.DisposeAsync();
            watch.Dispose();
        }

        var trail = await ReadTrailAsync(app, startedAt);
        var warnings = app.Log.Entries.ToList();
        if (fleet is not null)
        {
            await fleet.DisposeAsync(); // every replica stopped (children's logs collected), the schema dropped
            warnings.AddRange(fleet.Log);
        }

        var state = final.Rollout.State;
        return new ScenarioResult(scenario, state.Status, state.PauseReason, timedOut, final, trail, warnings, stateDirectory)
        {
            Interrupted = interrupted,
            Storage = storage,
            Deciders = watch.Deciders,
        };
    }

    private async Task<(DemoSnapshot Final, bool TimedOut, bool Interrupted)> WatchAsync(Watch watch, Action<DemoSnapshot> report, Task? joining, CancellationToken cancellationToken)
    {
        var controls = watch.Controls;
        DateTimeOffset? endedAt = null;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (joining is { IsFaulted: true })
                {
                    await joining;
                }

                if (controls is not null)
                {
                    await controls.PollAsync(cancellationToken);
                }

                var snapshot = await watch.TakeAsync(cancellationToken);
                report(snapshot);
                var state = snapshot.Rollout.State;
                if (controls is not null ? controls.QuitRequested : Ended(state))
                {
                    // Fleet mode: the end is shown once every replica serves it (within a second or so), or after 5 s regardless.
                    endedAt ??= TimeProvider.System.GetUtcNow();
                    if (snapshot.ReplicasAgree || TimeProvider.System.GetUtcNow() - endedAt > FleetSettleLimit || controls is not null)
                    {
                        return (snapshot, false, false);
                    }
                }
                else if (controls is null && snapshot.Elapsed >= settings.Schedule.Deadline)
                {
                    return (snapshot, true, false);
                }

                await Task.Delay(settings.Schedule.RefreshInterval, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM, wherever the loop was: one last look for the summary (in fleet mode the replicas' probe
            // gives up within its 2-second timeout).
            var last = await watch.TakeAsync(CancellationToken.None);
            report(last);
            return (last, false, true);
        }
    }

    /// <summary>A non-interactive scenario ends when the rollout is over or waits for a human.</summary>
    private static bool Ended(RolloutState state) => state.IsTerminal || state.Status == RolloutStatus.Paused;

    private static async Task<IReadOnlyList<TrailEntry>> ReadTrailAsync(CheckoutApp app, DateTimeOffset startedAt)
    {
        var entries = await app.Audit.ReadAsync(DemoSchedule.RolloutId);
        return entries.Select(e => new TrailEntry(
            e.Timestamp - startedAt, e.Actor, e.Action, e.Reason, e.Before, e.After, VerdictMessage(e.Evidence))).ToArray();
    }

    private static string? VerdictMessage(JsonElement? evidence) =>
        evidence is { ValueKind: JsonValueKind.Object } element
        && element.TryGetProperty("verdict", out var verdict) && verdict.ValueKind == JsonValueKind.Object
        && verdict.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
            ? message.GetString()
            : null;

    private static void Clean(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
    }
}

/// <summary>The demo's settings: schedule, load, where state lives.</summary>
internal sealed record DemoSettings(DemoSchedule Schedule, LoadSettings Load, string StateRoot, TelemetryExport Telemetry = TelemetryExport.None, DemoFleet? Fleet = null)
{
    /// <summary>The folder the demo owns: every scenario's state and audit log go in a subfolder, cleaned before it runs.</summary>
    public static string DefaultStateRoot { get; } = Path.Combine(Path.GetTempPath(), "CheckoutCanary");
}
