using System.Diagnostics.CodeAnalysis;
using System.Threading;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>
/// A small lock-free cache in front of a slower lookup by value, keyed by the <em>identity</em> of up to three strings
/// and an integer. The strings on the request path (a gate's flag key, the snapshot's variant names, the status-code
/// names) are the same instances request after request, so comparing references finds them without hashing their
/// characters, which a dictionary keyed by string must do on every lookup (Marvin, about 10 ns a string).
/// </summary>
/// <remarks>
/// A miss (an equal string in another instance, or two keys sharing a slot) only sends the caller to its lookup by
/// value, which is always correct; the caller then stores the answer here, replacing whatever held the slot. Entries
/// are immutable and published whole, so a reader never sees half an entry.
/// </remarks>
/// <typeparam name="TValue">The cached value.</typeparam>
internal sealed class IdentityCache<TValue>
    where TValue : class
{
    private const int Size = 64; // a power of two

    private readonly Entry?[] _entries = new Entry?[Size];

    /// <summary>The value stored for exactly these instances, if the slot still holds them.</summary>
    public bool TryGet(string? first, string? second, string? third, int number, [NotNullWhen(true)] out TValue? value)
    {
        var entry = Volatile.Read(ref _entries[Slot(first, second, third, number)]);
        if (entry is not null
            && ReferenceEquals(entry.First, first)
            && ReferenceEquals(entry.Second, second)
            && ReferenceEquals(entry.Third, third)
            && entry.Number == number)
        {
            value = entry.Value;
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>Stores a value for these instances, replacing the slot's previous entry.</summary>
    public void Set(string? first, string? second, string? third, int number, TValue value) =>
        Volatile.Write(ref _entries[Slot(first, second, third, number)], new Entry(first, second, third, number, value));

    // From lengths and end characters, not a hash of every character: cheap, and good enough to spread the handful of
    // (flag, variant, error) combinations an application has.
    private static int Slot(string? first, string? second, string? third, int number) =>
        ((((Mix(first) * 31) + Mix(second)) * 31) + Mix(third) + (number * 17)) & (Size - 1);

    private static int Mix(string? text) =>
        text is null || text.Length == 0 ? 0 : (text.Length * 7) + (text[0] * 3) + text[^1];

    private sealed record Entry(string? First, string? Second, string? Third, int Number, TValue Value);
}
