using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CheckoutCanary.App;

namespace CheckoutCanary.Run;

/// <summary>
/// <c>--interactive</c>: keys send commands to the app's admin endpoints over HTTP, as a release manager would with
/// curl, and break or heal the canary so the judge has something to find.
/// </summary>
internal sealed class InteractiveControls : IDisposable
{
    public const string Keys = "[p]romote  [f]ull promote  [h]old (pause)  [r]esume  [a]bort  [t] retry  canary [e]rrors on/off  canary [l]atency on/off  [q]uit";
    public const string Actor = DemoAuthenticationHandler.AdminPrefix + "you";

    private readonly CheckoutApp _app;
    private readonly HttpClient _client;

    public InteractiveControls(CheckoutApp app)
    {
        _app = app;
        _client = new HttpClient { BaseAddress = new Uri(app.BaseAddress, CheckoutApp.AdminPrefix.TrimStart('/') + "/") };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Actor);
    }

    public bool QuitRequested { get; private set; }

    /// <summary>The outcome of the last key, shown on the display.</summary>
    public string? Notice { get; private set; }

    /// <summary>The curl command that does what <c>p</c> does, for the instructions.</summary>
    public static string CurlExample(Uri baseAddress, string command) =>
        $"curl -X POST -H 'Authorization: Bearer {Actor}' -H 'Content-Type: application/json' " +
        $"-d '{{\"reason\": \"looks good\"}}' {baseAddress}{CheckoutApp.AdminPrefix.TrimStart('/')}/rollouts/{DemoSchedule.RolloutId}/{command}";

    /// <summary>Handles the keys pressed since the last call (none when input is redirected).</summary>
    public async Task PollAsync(CancellationToken cancellationToken)
    {
        while (!Console.IsInputRedirected && Console.KeyAvailable)
        {
            var key = Console.ReadKey(intercept: true).KeyChar;
            Notice = await HandleKeyAsync(key, cancellationToken) ?? Notice;
        }
    }

    /// <summary>Does what <paramref name="key"/> stands for; returns what happened, or null for a key that means nothing.</summary>
    public async Task<string?> HandleKeyAsync(char key, CancellationToken cancellationToken) => char.ToLowerInvariant(key) switch
    {
        'p' => await CommandAsync("promote", full: false, cancellationToken),
        'f' => await CommandAsync("promote", full: true, cancellationToken),
        'h' => await CommandAsync("pause", full: false, cancellationToken),
        'r' => await CommandAsync("resume", full: false, cancellationToken),
        'a' => await CommandAsync("abort", full: false, cancellationToken),
        't' => await CommandAsync("retry", full: false, cancellationToken),
        'e' => ToggleErrors(),
        'l' => ToggleLatency(),
        'q' => Quit(),
        _ => null,
    };

    private async Task<string> CommandAsync(string command, bool full, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new { reason = $"pressed a key in the demo ({command})", full });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync($"rollouts/{DemoSchedule.RolloutId}/{command}", content, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return $"POST .../{command}: {(int)response.StatusCode} {response.ReasonPhrase}";
        }

        // Problem details: the "detail" says why (e.g. "cannot resume while progressing").
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        string? detail = null;
        try
        {
            using var problem = JsonDocument.Parse(text);
            detail = problem.RootElement.TryGetProperty("detail", out var d) ? d.GetString() : null;
        }
        catch (JsonException)
        {
        }

        return $"POST .../{command}: {(int)response.StatusCode} {detail ?? text}";
    }

    private string ToggleErrors()
    {
        var behavior = _app.Behavior;
        behavior.CanaryErrorRate = behavior.CanaryErrorRate > Scenario.StableErrorRate ? Scenario.StableErrorRate : Scenario.ErrorRegression.CanaryErrorRate;
        return $"canary now fails {Display.Format.Rate(behavior.CanaryErrorRate)} of checkouts";
    }

    private string ToggleLatency()
    {
        var behavior = _app.Behavior;
        behavior.CanaryLatencyFactor = behavior.CanaryLatencyFactor > 1.0 ? 1.0 : Scenario.LatencyRegression.CanaryLatencyFactor;
        return $"canary latency now x{behavior.CanaryLatencyFactor.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} of stable";
    }

    private string Quit()
    {
        QuitRequested = true;
        return "quitting";
    }

    public void Dispose() => _client.Dispose();
}
