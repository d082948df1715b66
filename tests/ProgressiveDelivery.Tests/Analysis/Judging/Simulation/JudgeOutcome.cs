using ProgressiveDelivery.Analysis.Judging;

namespace ProgressiveDelivery.Tests.Analysis.Judging.Simulation;

/// <summary>What one judge did in one simulated run (minutes are 1-based; 0 means never).</summary>
internal struct JudgeOutcome
{
    public int RollbackMinute;
    public int PromoteMinute;
    public int FirstPauseMinute;
    public string? FirstPauseReason;
    public int NoDataPauseMinute;
    public int ContinueNoDataMinutes;
    public int SrmPauseMinute;
    public int ChiSquareSrmMinute;

    public void Record(JudgeVerdict verdict, int minute)
    {
        if (ChiSquareSrmMinute == 0 && verdict.Health.SrmChiSquarePValue < 0.001)
        {
            ChiSquareSrmMinute = minute;
        }

        switch (verdict.Decision)
        {
            case JudgeDecision.Rollback when RollbackMinute == 0:
                RollbackMinute = minute;
                break;
            case JudgeDecision.Promote when PromoteMinute == 0:
                PromoteMinute = minute;
                break;
            case JudgeDecision.Pause:
                if (FirstPauseMinute == 0)
                {
                    FirstPauseMinute = minute;
                    FirstPauseReason = verdict.Reason;
                }

                if (verdict.Reason == JudgeReasons.NoData && NoDataPauseMinute == 0)
                {
                    NoDataPauseMinute = minute;
                }

                if (verdict.Reason == JudgeReasons.SampleRatioMismatch && SrmPauseMinute == 0)
                {
                    SrmPauseMinute = minute;
                }

                break;
            case JudgeDecision.Continue when verdict.Reason == JudgeReasons.NoData:
                ContinueNoDataMinutes++;
                break;
        }
    }
}
