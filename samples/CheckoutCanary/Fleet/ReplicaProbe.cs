using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CheckoutCanary.App;

namespace CheckoutCanary.Fleet;

/// <summary>
/// Reads each replica's <c>GET /progressive-delivery/fleet</c> (its leases) and <c>GET /progressive-delivery/rollouts/checkout-v2</c>
/// (the state, weight and version it applied) over HTTP, as a release manager, the way an operator would look.
/// </summary>
internal sealed class ReplicaProbe : IDisposable
{
    public const string Actor = DemoAuthenticationHandler.AdminPrefix + "demo";
    private readonly HttpClient _client;

    public ReplicaProbe()
    {
        _client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Actor);
    }

    public async Task<ReplicaStatus[]> ReadAsync(IReadOnlyList<ReplicaMember> replicas, CancellationToken cancellationToken)
    {
        var reads = new Task<ReplicaStatus>[replicas.Count];
        for (var i = 0; i < reads.Length; i++)
        {
            reads[i] = ReadAsync(replicas[i], cancellationToken);
        }

        return await Task.WhenAll(reads);
    }

    private async Task<ReplicaStatus> ReadAsync(ReplicaMember replica, CancellationToken cancellationToken)
    {
        var admin = new Uri(replica.Address, CheckoutApp.AdminPrefix.TrimStart('/') + "/");
        try
        {
            using var fleet = JsonDocument.Parse(await _client.GetStringAsync(new Uri(admin, "fleet"), cancellationToken));
            using var rollout = JsonDocument.Parse(await _client.GetStringAsync(new Uri(admin, "rollouts/" + DemoSchedule.RolloutId), cancellationToken));
            var holdsLease = false;
            foreach (var lease in fleet.RootElement.GetProperty("leases").EnumerateArray())
            {
                holdsLease |= lease.GetString() == DemoSchedule.RolloutId;
            }

            var root = rollout.RootElement;
            var verdict = root.GetProperty("verdict");
            return new ReplicaStatus(
                replica.Number, fleet.RootElement.GetProperty("replicaId").GetString() ?? replica.ReplicaId, replica.Address, replica.ProcessId,
                root.GetProperty("state").GetString(), root.GetProperty("weightPercent").GetDouble(), root.GetProperty("version").GetInt64(),
                holdsLease, verdict.ValueKind == JsonValueKind.Object ? verdict.Clone() : null);
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException
            || exception is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return ReplicaStatus.Unreachable(replica, exception.GetType().Name + ": " + exception.Message);
        }
    }

    public void Dispose() => _client.Dispose();
}
