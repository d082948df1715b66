using System;

namespace ProgressiveDelivery.Tests.Analysis.Judging.Simulation;

/// <summary>Summaries over simulated runs: rates with Wilson intervals and quantiles of event minutes.</summary>
internal static class OutcomeStatistics
{
    /// <summary>The number of runs in which <paramref name="minute"/> is positive (the event happened) and at most <paramref name="within"/>.</summary>
    public static int Count(RunOutcome[] outcomes, Func<RunOutcome, int> minute, int within = int.MaxValue)
    {
        var count = 0;
        foreach (var outcome in outcomes)
        {
            var m = minute(outcome);
            if (m > 0 && m <= within)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// The <paramref name="q"/>-quantile (lower order statistic) of the event minute over all runs, counting runs in
    /// which it never happened as infinitely late; <see cref="double.PositiveInfinity"/> when that quantile is "never".
    /// </summary>
    public static double Quantile(RunOutcome[] outcomes, Func<RunOutcome, int> minute, double q)
    {
        var values = new double[outcomes.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var m = minute(outcomes[i]);
            values[i] = m > 0 ? m : double.PositiveInfinity;
        }

        Array.Sort(values);
        var index = (int)Math.Ceiling(q * values.Length) - 1;
        return values[Math.Clamp(index, 0, values.Length - 1)];
    }

    /// <summary>The Wilson score 95% interval of a binomial proportion.</summary>
    public static (double Lower, double Upper) Wilson(int successes, int trials)
    {
        const double z = 1.959963984540054;
        if (trials == 0)
        {
            return (0, 1);
        }

        var p = (double)successes / trials;
        var denominator = 1 + (z * z / trials);
        var centre = (p + (z * z / (2 * trials))) / denominator;
        var half = z * Math.Sqrt((p * (1 - p) / trials) + (z * z / (4.0 * trials * trials))) / denominator;
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
