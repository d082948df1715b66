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
            if (state.Status == RolloutStatus.RolledBack)
            {
                findings.Report(HealthStatus.Degraded, $"Rollout '{view.RolloutId}' was rolled back ({reason}).", "rollouts." + view.RolloutId, "rolled_back: " + reason);
            }
            else if (state.Status == RolloutStatus.Paused && reason is not (RolloutReasons.Manual or RolloutReasons.PauseStep))
            {
                findings.Report(HealthStatus.Degraded, $"Rollout '{view.RolloutId}' is paused ({reason}).", "rollouts." + view.RolloutId, "paused: " + reason);
            }
        }
    }
}
