using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>
/// Unhealthy when the definitions failed to load at start (the app runs without flags); Degraded when the last reload
/// was rejected (the last good definitions stay in force). Silent when the application registered its own evaluator.
/// </summary>
internal sealed class DefinitionsHealthContributor(ProgressiveDeliveryRegistration registration) : IHealthContributor
{
    public void Contribute(HealthFindings findings)
    {
        if (registration.Loader is not { } loader)
        {
            return;
        }

        var health = loader.Health;
        if (health.StartFailure is { } failure)
        {
            findings.Report(HealthStatus.Unhealthy, "Flag definitions failed to load at start; no flags are served.", "definitions", "failed_at_start");
            findings.Add("definitions.error", failure);
            findings.Add("definitions.failedAt", health.FailedAt!.Value.ToString("O", CultureInfo.InvariantCulture));
        }

        if (health.Rejection is { } rejection)
        {
            findings.Report(HealthStatus.Degraded, "The last reload of the flag definitions was rejected; the last good ones stay in force.", "definitions.reload", "rejected");
            findings.Add("definitions.reload.error", rejection);
            findings.Add("definitions.reload.rejectedAt", health.RejectedAt!.Value.ToString("O", CultureInfo.InvariantCulture));
        }
    }
}
