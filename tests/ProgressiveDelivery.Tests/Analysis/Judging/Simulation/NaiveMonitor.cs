using System;

namespace ProgressiveDelivery.Tests.Analysis.Judging.Simulation;

/// <summary>
/// The naive monitor the judge is compared with: at every look, a fixed-horizon two-sided test at 5% on the cumulative
/// data (the pooled two-proportion z-test for errors; the Welch statistic for mean log latency against the normal
/// critical value), "rolling back" at the first rejection. Repeating a 5% test at every look is what inflates its error.
/// </summary>
internal static class NaiveMonitor
{
    /// <summary>The two-sided 5% critical value of the standard normal.</summary>
    public const double Critical = 1.959963984540054;

    public static bool Rejects(ArmAccumulator baseline, ArmAccumulator canary, bool errors, bool latency) =>
        (errors && ProportionZ(baseline, canary) > Critical) || (latency && WelchZ(baseline, canary) > Critical);

    private static double ProportionZ(ArmAccumulator baseline, ArmAccumulator canary)
    {
        if (baseline.Exposures == 0 || canary.Exposures == 0)
        {
            return 0;
        }

        var pooled = (double)(baseline.Errors + canary.Errors) / (baseline.Exposures + canary.Exposures);
        var variance = pooled * (1 - pooled) * ((1.0 / baseline.Exposures) + (1.0 / canary.Exposures));
        if (variance <= 0)
        {
            return 0;
        }

        var difference = ((double)canary.Errors / canary.Exposures) - ((double)baseline.Errors / baseline.Exposures);
        return Math.Abs(difference) / Math.Sqrt(variance);
    }

    private static double WelchZ(ArmAccumulator baseline, ArmAccumulator canary)
    {
        if (baseline.LatencyCount < 2 || canary.LatencyCount < 2)
        {
            return 0;
        }

        var variance = (baseline.LatencyM2 / (baseline.LatencyCount - 1) / baseline.LatencyCount)
            + (canary.LatencyM2 / (canary.LatencyCount - 1) / canary.LatencyCount);
        return Math.Abs(canary.LatencyMean - baseline.LatencyMean) / Math.Sqrt(variance);
    }
}
