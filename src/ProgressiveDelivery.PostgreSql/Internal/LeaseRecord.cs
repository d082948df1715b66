using System;

namespace ProgressiveDelivery.PostgreSql.Internal;

/// <summary>A <c>leases</c> row as read, with whether it is live by the database's clock.</summary>
internal sealed record LeaseRecord(string Name, string Holder, long Epoch, DateTimeOffset AcquiredAt, DateTimeOffset ExpiresAt, bool IsLive)
{
    /// <summary>The token its holder would present.</summary>
    public LeaseToken Token => new(Name, Holder, Epoch, ExpiresAt);
}
