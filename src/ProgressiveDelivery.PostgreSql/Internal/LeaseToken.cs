using System;

namespace ProgressiveDelivery.PostgreSql.Internal;

/// <summary>
/// Proof of holding a lease: its name, holder and epoch, and when it expires by the database's clock. A write fenced
/// with it succeeds only while the <c>leases</c> row still has this holder and epoch and has not expired.
/// </summary>
/// <param name="Name">The lease name (for example the fleet's leader lease).</param>
/// <param name="Holder">Who holds it (a replica id).</param>
/// <param name="Epoch">Grows by one whenever the lease is taken anew (another holder, or after it expired); kept by a renewal.</param>
/// <param name="ExpiresAt">The database time it expires at, unless renewed. Compare with the database's clock, not the local one.</param>
internal sealed record LeaseToken(string Name, string Holder, long Epoch, DateTimeOffset ExpiresAt);
