namespace ProgressiveDelivery.Tests.Analysis.Judging.Simulation;

/// <summary>What happened in one simulated run: each judge's outcome and the naive monitor's first rejection (0 = never).</summary>
internal sealed class RunOutcome
{
    public RunOutcome(int judges)
    {
        Judges = new JudgeOutcome[judges];
    }

    public JudgeOutcome[] Judges { get; }

    public int NaiveRejectMinute { get; set; }

    public int Minutes { get; set; }
}
