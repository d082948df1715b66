using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace CheckoutCanary.App;

/// <summary>
/// The two checkout implementations. Both take a log-normal time (median 12 ms) and fail a share of requests with
/// 500; the canary's failure rate and slowdown come from the scenario and can be changed while running (interactive).
/// </summary>
internal sealed class CheckoutBehavior
{
    public const string ImplementationHeader = "X-Checkout-Implementation";
    private const double MedianMilliseconds = 12;
    private const double LogSigma = 0.35;

    private double _canaryErrorRate;
    private double _canaryLatencyFactor;

    public CheckoutBehavior(double canaryErrorRate, double canaryLatencyFactor)
    {
        _canaryErrorRate = canaryErrorRate;
        _canaryLatencyFactor = canaryLatencyFactor;
    }

    public double CanaryErrorRate
    {
        get => Volatile.Read(ref _canaryErrorRate);
        set => Volatile.Write(ref _canaryErrorRate, value);
    }

    public double CanaryLatencyFactor
    {
        get => Volatile.Read(ref _canaryLatencyFactor);
        set => Volatile.Write(ref _canaryLatencyFactor, value);
    }

    public Task StableAsync(HttpContext context) => ServeAsync(context, "stable", Scenario.StableErrorRate, 1.0);

    public Task CanaryAsync(HttpContext context) => ServeAsync(context, "canary", CanaryErrorRate, CanaryLatencyFactor);

    private static async Task ServeAsync(HttpContext context, string implementation, double errorRate, double latencyFactor)
    {
        var random = Random.Shared;
        var milliseconds = MedianMilliseconds * latencyFactor * Math.Exp(LogSigma * StandardNormal(random));
        await Task.Delay(TimeSpan.FromMilliseconds(milliseconds), context.RequestAborted);

        context.Response.Headers[ImplementationHeader] = implementation;
        if (random.NextDouble() < errorRate)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsync($"{implementation} checkout failed", context.RequestAborted);
            return;
        }

        await context.Response.WriteAsJsonAsync(new CheckoutReceipt(implementation, random.Next(100_000, 999_999)), context.RequestAborted);
    }

    private static double StandardNormal(Random random)
    {
        // Box-Muller; 1 - NextDouble() is in (0, 1], so the logarithm is finite.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}

/// <summary>The checkout's answer.</summary>
internal sealed record CheckoutReceipt(string Implementation, int OrderNumber);
