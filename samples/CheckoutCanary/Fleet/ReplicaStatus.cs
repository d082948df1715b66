using System;
using System.Text.Json;

namespace CheckoutCanary.Fleet;

/// <summary>
/// One replica as its own admin endpoints show it: the rollout's state and weight it serves, the stored version it
/// applied, whether it holds the rollout's lease (so decides), and the verdict it holds. <see cref="Requests"/> is what
/// the load generator sent it. <see cref="Error"/> is set when it did not answer.
/// </summary>
internal sealed record ReplicaStatus(
    int Number,
    string ReplicaId,
    Uri Address,
    int ProcessId,
    string? State,
    double WeightPercent,
    long Version,
    bool HoldsLease,
    JsonElement? Verdict,
    string? Error = null)
{
    public long Requests { get; init; }

    public static ReplicaStatus Unreachable(ReplicaMember replica, string error) =>
        new(replica.Number, replica.ReplicaId, replica.Address, replica.ProcessId, null, double.NaN, 0, false, null, error);
}
