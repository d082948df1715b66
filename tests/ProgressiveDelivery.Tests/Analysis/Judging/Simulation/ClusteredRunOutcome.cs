using System;

namespace ProgressiveDelivery.Tests.Analysis.Judging.Simulation;

/// <summary>
/// What happened in one clustered run: each judge's <see cref="JudgeOutcome"/> and the naive monitor (in
/// <see cref="Run"/>), each judge's first pause for a reason other than no_data, and the fixed-horizon cluster-robust
/// z statistic at each of the scenario's horizons and the sample-ratio z on units at its SRM horizon (NaN when the run
/// did not reach it).
/// </summary>
internal sealed class ClusteredRunOutcome
{
    /// <summary>The two-sided 5% (one-sided 2.5%) critical value of the standard normal.</summary>
    public const double Critical = 1.959963984540054;

    /// <summary>The two-sided 0.1% critical value of the standard normal (Pearson's chi-square at p &lt; 0.001).</summary>
    public const double SrmCritical = 3.2905267314918945;

    public ClusteredRunOutcome(int judges, int horizons)
    {
        Run = new RunOutcome(judges);
        AlertPauseMinutes = new int[judges];
        FixedHorizonZ = new double[horizons];
        Array.Fill(FixedHorizonZ, double.NaN);
    }

    public RunOutcome Run { get; }

    /// <summary>Per judge, the minute of its first pause whose reason is not no_data (0 = never).</summary>
    public int[] AlertPauseMinutes { get; }

    /// <summary>Per fixed horizon, the one-sided z statistic of canary rate minus baseline rate.</summary>
    public double[] FixedHorizonZ { get; }

    /// <summary>The z statistic of the canary's share of units at the SRM horizon: (observed - expected) / binomial sd.</summary>
    public double SrmZ { get; set; } = double.NaN;

    /// <summary>Whether the fixed-horizon sample-ratio test on units rejects (two-sided, p &lt; 0.001).</summary>
    public bool SrmRejects => Math.Abs(SrmZ) > SrmCritical;

    /// <summary>Whether the fixed-horizon test rejects at horizon <paramref name="horizon"/> (one-sided 2.5%: z &gt; 1.96).</summary>
    public bool FixedHorizonRejects(int horizon) => FixedHorizonZ[horizon] > Critical;

    /// <summary>The runs' <see cref="RunOutcome"/>s, for <see cref="OutcomeStatistics"/>.</summary>
    public static RunOutcome[] Runs(ClusteredRunOutcome[] outcomes) => Array.ConvertAll(outcomes, static o => o.Run);
}
