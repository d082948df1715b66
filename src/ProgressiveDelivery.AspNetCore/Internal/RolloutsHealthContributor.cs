using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProgressiveDelivery.Rollouts;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>
/// Degraded while a rollout is rolled back, or paused for a reason nobody planned: the judge, an analysis timeout, the
/// maximum duration. A pause by a human (<c>manual</c>) or by a pause step of the plan (<c>pause_step</c>, waiting for a
/// human by design) is not a problem. The data holds each such rollout's status and reason under <c>rollouts.{id}</c>.
/// </summary>
internal sealed class RolloutsHealthContributor(RolloutManager manager) : IHealthContributor
{
    public void Contribute(HealthFindings findings)
    {
        foreach (var view in manager.GetRollouts())
        {
            var state = view.State;
            var reason = state.PauseReason ?? "unknown";
            var what = state.Status switch
            {
                RolloutStatus.RolledBack => "was rolled back",
                RolloutStatus.Paused when reason is not (RolloutReasons.Manual or RolloutReasons.PauseStep) => "is paused", // a human's pause is no fault
                _ => null,
            };
            if (what is not null)
            {
                findings.Report(HealthStatus.Degraded, $"Rollout '{view.RolloutId}' {what} ({reason}).", "rollouts." + view.RolloutId, RolloutGauges.StatusName(state.Status) + ": " + reason);
            }
        }
    }
}
