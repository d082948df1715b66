namespace ProgressiveDelivery.Bucketing.Internal;

/// <summary>
/// The MurmurHash3 state after an ASCII prefix (a salt and its separator): the mixed whole blocks, the 0..3 pending
/// bytes and the length so far. Computed once per salt, it lets every unit's hash start after the salt.
/// </summary>
internal readonly struct Murmur3AsciiPrefix(uint state, ulong pending, int pendingCount, uint length)
{
    public uint State { get; } = state;

    public ulong Pending { get; } = pending;

    public int PendingCount { get; } = pendingCount;

    public uint Length { get; } = length;
}
