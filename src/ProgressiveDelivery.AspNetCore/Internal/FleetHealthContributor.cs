using System;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProgressiveDelivery.Rollouts.Fleet;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>
/// Fleet mode: degraded while this replica has not read the stored versions for <see cref="StaleAfter"/> (the database
/// unreachable, its loops stuck): it keeps serving the weights it applied, which may be old. A stale replica must be
/// visible, not silently serve hours-old weights while every signal says fine. Data: <c>fleet.replica</c>,
/// <c>fleet.lastSyncedAt</c>, <c>fleet.leases</c>.
/// </summary>
internal sealed class FleetHealthContributor(IServiceProvider services, TimeProvider timeProvider) : IHealthContributor
{
    /// <summary>How long without a successful sync is stale: many sync intervals (1 s by default), a few lease times.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(30);

    private readonly DateTimeOffset _created = timeProvider.GetUtcNow();

    public void Contribute(HealthFindings findings)
    {
        if (services.GetService(typeof(RolloutFleet)) is not RolloutFleet fleet)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        var synced = fleet.LastSyncedAt;
        findings.Add("fleet.replica", fleet.ReplicaId);
        findings.Add("fleet.leases", string.Join(",", fleet.LeasesHeld));
        findings.Add("fleet.lastSyncedAt", synced?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "never");
        var since = now - (synced ?? _created);
        if (since > StaleAfter)
        {
            findings.Report(
                HealthStatus.Degraded,
                $"Replica '{fleet.ReplicaId}' has not synced with the fleet for {since.TotalSeconds:F0} s; it serves the weights it last applied.",
                "fleet.stale",
                since.TotalSeconds);
        }
    }
}
