namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>
/// One part of the ProgressiveDelivery health check (definitions, rollouts; later e.g. fleet staleness). Every
/// registered contributor adds its findings; the check reports the worst status with all the findings' data.
/// </summary>
internal interface IHealthContributor
{
    void Contribute(HealthFindings findings);
}
