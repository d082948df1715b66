using System;
using System.Globalization;

namespace ProgressiveDelivery.PostgreSql.Internal;

/// <summary>
/// A fenced write was refused: the lease it presented is no longer held (another holder, another epoch, or expired).
/// Nothing was written. The writer must stop acting as the lease's holder.
/// </summary>
internal sealed class LeaseLostException : Exception
{
    public LeaseLostException(LeaseToken fence)
        : base(string.Create(
            CultureInfo.InvariantCulture,
            $"The lease '{fence?.Name}' is no longer held by '{fence?.Holder}' at epoch {fence?.Epoch}: nothing was written."))
    {
        ArgumentNullException.ThrowIfNull(fence);
        Fence = fence;
    }

    /// <summary>The token the write presented.</summary>
    public LeaseToken Fence { get; }
}
