using System;
using System.Runtime.CompilerServices;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// One typed context attribute value, stored flat (24 bytes) so that reading it never boxes or allocates: the kind, a
/// reference (the string or string list) and 8 bytes of payload (the number, boolean or UTC ticks; for a string, its
/// leading number, read once when the context is built so that semantic-version conditions rarely need its chars).
/// </summary>
internal readonly struct AttributeValue
{
    /// <summary>The <see cref="StringLeadingNumber"/> of a string that does not start with a number (after an optional v).</summary>
    public const ulong NoLeadingNumber = ulong.MaxValue;

    private readonly long _payload;

    private AttributeValue(AttributeKind kind, object? reference, long payload)
    {
        Kind = kind;
        Reference = reference;
        _payload = payload;
    }

    public AttributeKind Kind { get; }

    /// <summary>The <see cref="string"/> (String) or <see cref="T:string[]"/> (StringList).</summary>
    public object? Reference { get; }

    /// <summary>The number (Number), or 1/0 (Boolean).</summary>
    public double Number => BitConverter.Int64BitsToDouble(_payload);

    /// <summary>UTC ticks (Date).</summary>
    public long UtcTicks => _payload;

    /// <summary>
    /// For a string: <see cref="SemanticVersion.TryReadMajor"/> of it (the major version when it is a version), or
    /// <see cref="NoLeadingNumber"/>.
    /// </summary>
    public ulong StringLeadingNumber => (ulong)_payload;

    // No cast check: the kind says what the reference is, and a cast would read the object's header (a cache miss
    // for a string that a condition may not need to read at all).
    public string String => Unsafe.As<string>(Reference!);

    public string[] List => Unsafe.As<string[]>(Reference!);

    public static AttributeValue FromString(string value) =>
        new(AttributeKind.String, value, (long)(SemanticVersion.TryReadMajor(value, out var major) ? major : NoLeadingNumber));

    public static AttributeValue FromNumber(double value) => new(AttributeKind.Number, null, BitConverter.DoubleToInt64Bits(value));

    public static AttributeValue FromBoolean(bool value) => new(AttributeKind.Boolean, null, BitConverter.DoubleToInt64Bits(value ? 1 : 0));

    public static AttributeValue FromDate(long utcTicks) => new(AttributeKind.Date, null, utcTicks);

    public static AttributeValue FromList(string[] values) => new(AttributeKind.StringList, values, 0);
}
