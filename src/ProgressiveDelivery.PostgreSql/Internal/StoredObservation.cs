using System;
using ProgressiveDelivery.Rollouts.Fleet;

namespace ProgressiveDelivery.PostgreSql.Internal;

/// <summary>An observation row as read back, with the database time of the flush that wrote it.</summary>
internal sealed record StoredObservation(ReplicaObservations Row, DateTimeOffset FlushedAt);
