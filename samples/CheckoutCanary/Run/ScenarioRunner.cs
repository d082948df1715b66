using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CheckoutCanary.App;
using CheckoutCanary.Load;
using ProgressiveDelivery.Rollouts;
using Spectre.Console;

namespace CheckoutCanary.Run;

/// <summary>
/// Runs one scenario: a fresh app over a cleaned state folder, the load, the live display, until the rollout ends
/// (promoted, rolled back, aborted or paused), the deadline passes, or, interactive, the user quits.
/// </summary>
internal sealed class ScenarioRunner(DemoSettings settings, IDemoDisplay display)
{
    public async Task<ScenarioResult> RunAsync(Scenario scenario, bool interactive, CancellationToken cancellationToken)
    {
        var stateDirectory = Path.Combine(settings.StateRoot, scenario.Name);
        Clean(stateDirectory);

        var startedAt = TimeProvider.System.GetUtcNow();
        await using var app = await CheckoutApp.StartAsync(scenario, settings.Schedule, stateDirectory, cancellationToken, settings.Telemetry);
        display.Line($"[bold]{scenario.Name}[/]: {Markup.Escape(scenario.Story)}");
        display.Line(Markup.Escape($"  app on {app.BaseAddress} ({settings.Load.Users:N0} users, {settings.Load.RequestsPerSecond} requests/s); state and audit log in {stateDirectory}"));
        if (TelemetrySetup.Describe(settings.Telemetry, app.BaseAddress) is { } telemetry)
        {
            display.Line(Markup.Escape(telemetry));
        }

        using var controls = interactive ? new InteractiveControls(app) : null;
        if (interactive)
        {
            display.Line(Markup.Escape($"  admin endpoints: {app.BaseAddress}{CheckoutApp.AdminPrefix.TrimStart('/')}/rollouts (header 'Authorization: Bearer {InteractiveControls.Actor}'), e.g."));
            display.Line(Markup.Escape($"  {InteractiveControls.CurlExample(app.BaseAddress, "promote")}"));
            display.Line(Markup.Escape($"  keys: {InteractiveControls.Keys}"));
        }

        var load = new LoadGenerator(app.BaseAddress, settings.Load);
        DemoSnapshot final;
        bool timedOut;
        try
        {
            load.Start(scenario.SendsCheckoutTraffic);
            (final, timedOut) = await display.ShowAsync(report => WatchAsync(scenario, app, load, controls, startedAt, report, cancellationToken));
        }
        finally
        {
            await load.DisposeAsync();
        }

        var trail = await ReadTrailAsync(app, startedAt);
        var state = final.Rollout.State;
        return new ScenarioResult(scenario, state.Status, state.PauseReason, timedOut, final, trail, app.Log.Entries.ToArray(), stateDirectory);
    }

    private async Task<(DemoSnapshot Final, bool TimedOut)> WatchAsync(
        Scenario scenario, CheckoutApp app, LoadGenerator load, InteractiveControls? controls, DateTimeOffset startedAt,
        Action<DemoSnapshot> report, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (controls is not null)
            {
                await controls.PollAsync(cancellationToken);
            }

            var elapsed = TimeProvider.System.GetUtcNow() - startedAt;
            var view = app.Rollouts.GetRollout(DemoSchedule.RolloutId)
                ?? throw new InvalidOperationException($"The app has no rollout '{DemoSchedule.RolloutId}': check appsettings.json.");
            var snapshot = DemoSnapshot.Take(scenario, elapsed, view, load, controls?.Notice, interactive: controls is not null);
            report(snapshot);

            if (controls is not null ? controls.QuitRequested : Ended(view.State))
            {
                return (snapshot, false);
            }

            if (controls is null && elapsed >= settings.Schedule.Deadline)
            {
                return (snapshot, true);
            }

            try
            {
                await Task.Delay(settings.Schedule.RefreshInterval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return (snapshot, false);
            }
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
internal sealed record DemoSettings(DemoSchedule Schedule, LoadSettings Load, string StateRoot, TelemetryExport Telemetry = TelemetryExport.None)
{
    /// <summary>The folder the demo owns: every scenario's state and audit log go in a subfolder, cleaned before it runs.</summary>
    public static string DefaultStateRoot { get; } = Path.Combine(Path.GetTempPath(), "CheckoutCanary");
}
