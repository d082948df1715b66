using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CheckoutCanary.App;
using CheckoutCanary.Load;
using CheckoutCanary.Run;
using ProgressiveDelivery.Rollouts;

namespace CheckoutCanary.Tests;

/// <summary>
/// <c>--interactive</c>'s keys go through the admin endpoints over HTTP, as a release manager's curl would: each
/// command changes the rollout and is audited under the release manager's name; an illegal one is refused with why.
/// </summary>
public sealed class InteractiveControlsTests : IAsyncLifetime
{
    private readonly string _stateDirectory = Path.Combine(Path.GetTempPath(), "CheckoutCanary.Tests-" + Guid.NewGuid().ToString("N"));
    private CheckoutApp _app = null!;
    private LoadGenerator _load = null!;
    private InteractiveControls _controls = null!;

    public async Task InitializeAsync()
    {
        _app = await CheckoutApp.StartAsync(Scenario.Interactive, DemoSchedule.Fast, _stateDirectory, CancellationToken.None);
        _load = new LoadGenerator(_app.BaseAddress, LoadSettings.Default with { Users = 200, RequestsPerSecond = 100 });
        _load.Start(sendCheckouts: true);
        _controls = new InteractiveControls(_app);
        await WaitForAsync(s => s.Status == RolloutStatus.Progressing);
    }

    [Fact]
    public async Task Pause_resume_abort_and_retry_go_through_the_admin_endpoints()
    {
        Assert.StartsWith("POST .../pause: 200", await _controls.HandleKeyAsync('h', CancellationToken.None), StringComparison.Ordinal);
        Assert.Equal(RolloutStatus.Paused, State().Status);
        Assert.Equal(RolloutReasons.Manual, State().PauseReason);

        Assert.StartsWith("POST .../resume: 200", await _controls.HandleKeyAsync('R', CancellationToken.None), StringComparison.Ordinal);
        Assert.Equal(RolloutStatus.Progressing, State().Status);

        Assert.StartsWith("POST .../abort: 200", await _controls.HandleKeyAsync('a', CancellationToken.None), StringComparison.Ordinal);
        Assert.Equal(RolloutStatus.Aborted, State().Status);
        Assert.Equal(0, State().WeightPercent);

        var refused = await _controls.HandleKeyAsync('r', CancellationToken.None);
        Assert.StartsWith("POST .../resume: 409", refused, StringComparison.Ordinal);
        Assert.Contains("aborted", refused, StringComparison.Ordinal);

        Assert.StartsWith("POST .../retry: 200", await _controls.HandleKeyAsync('t', CancellationToken.None), StringComparison.Ordinal);
        Assert.Equal(2, State().Attempt);

        var audit = await _app.Audit.ReadAsync(DemoSchedule.RolloutId);
        Assert.Contains(audit, e => e.Action == "pause" && e.Actor == InteractiveControls.Actor && e.Reason.Contains("pressed a key", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Action == "abort" && e.Actor == InteractiveControls.Actor);
    }

    [Fact]
    public async Task Full_promote_sends_everyone_to_the_canary()
    {
        Assert.StartsWith("POST .../promote: 200", await _controls.HandleKeyAsync('f', CancellationToken.None), StringComparison.Ordinal);

        Assert.Equal(RolloutStatus.Promoted, State().Status);
        Assert.Equal(100, State().WeightPercent);
    }

    [Fact]
    public async Task Breaking_the_canary_from_the_keyboard_changes_its_behaviour()
    {
        Assert.Equal("canary now fails 8.00% of checkouts", await _controls.HandleKeyAsync('e', CancellationToken.None));
        Assert.Equal(Scenario.ErrorRegression.CanaryErrorRate, _app.Behavior.CanaryErrorRate);
        Assert.Equal("canary now fails 0.50% of checkouts", await _controls.HandleKeyAsync('e', CancellationToken.None));
        Assert.Equal("canary latency now x1.6 of stable", await _controls.HandleKeyAsync('l', CancellationToken.None));
        Assert.Null(await _controls.HandleKeyAsync('z', CancellationToken.None));
        Assert.False(_controls.QuitRequested);
        Assert.Equal("quitting", await _controls.HandleKeyAsync('q', CancellationToken.None));
        Assert.True(_controls.QuitRequested);
    }

    [Fact]
    public async Task Admin_commands_need_a_release_manager()
    {
        using var client = new HttpClient { BaseAddress = _app.BaseAddress };
        using var body = new StringContent("""{"reason": "I am not allowed"}""", Encoding.UTF8, "application/json");
        using var anonymous = await client.PostAsync($"progressive-delivery/rollouts/{DemoSchedule.RolloutId}/abort", body);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"progressive-delivery/rollouts/{DemoSchedule.RolloutId}/abort")
        {
            Content = new StringContent("""{"reason": "I am not allowed"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "user-00001");
        using var shopper = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, shopper.StatusCode);
        Assert.Equal(RolloutStatus.Progressing, State().Status);
    }

    private RolloutState State() => _app.Rollouts.GetRollout(DemoSchedule.RolloutId)!.State;

    private async Task WaitForAsync(Func<RolloutState, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition(State()))
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out; the rollout is {State()}");
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        _controls.Dispose();
        await _load.DisposeAsync();
        await _app.DisposeAsync();
        if (Directory.Exists(_stateDirectory))
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
    }
}
