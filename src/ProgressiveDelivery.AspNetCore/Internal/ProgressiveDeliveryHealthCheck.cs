using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>The health check of <c>AddProgressiveDeliveryHealthChecks</c>: the worst finding of every <see cref="IHealthContributor"/>.</summary>
internal sealed class ProgressiveDeliveryHealthCheck(IEnumerable<IHealthContributor> contributors) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var findings = new HealthFindings();
        foreach (var contributor in contributors)
        {
            contributor.Contribute(findings);
        }

        return Task.FromResult(findings.ToResult());
    }
}
