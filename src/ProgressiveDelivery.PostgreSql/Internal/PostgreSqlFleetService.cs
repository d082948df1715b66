using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProgressiveDelivery.Rollouts;

namespace ProgressiveDelivery.PostgreSql.Internal;

/// <summary>Runs <see cref="PostgreSqlFleet.RunAsync"/> with the application's <see cref="RolloutManager"/> for the life of the host.</summary>
internal sealed class PostgreSqlFleetService(PostgreSqlFleet fleet, RolloutManager manager, ILogger<PostgreSqlFleet> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => fleet.RunAsync(manager, logger, stoppingToken);
}
