using System;
using System.Runtime.CompilerServices;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// One typed context attribute value, stored flat (24 bytes) so that reading it never boxes or allocates: a header (the
/// kind; for a string also its <see cref="TextKey"/>), a reference (the string or string list) and 8 bytes of payload
/// (the number, boolean or UTC ticks; for a string, its leading number, read once when the context is built so that
/// semantic-version conditions rarely need its chars).
/// </summary>
internal readonly struct AttributeValue
{
    /// <summary>The <see cref="StringLeadingNumber"/> of a string that does not start with a number (after an optional v).</summary>
    public const ulong NoLeadingNumber = ulong.MaxValue;

    /// <summary>The longest text a <see cref="TextKey"/> holds whole: two keys of such texts are equal exactly when the texts are.</summary>
    public const int KeyChars = 3;

    private readonly long _payload;

    // The kind in the low byte; for a string, the rest of its TextKey above it. The kind used to be a byte field padded
    // to 8 bytes, so the key costs no space.
    private readonly ulong _header;

    private AttributeValue(AttributeKind kind, object? reference, long payload)
    {
        _header = (byte)kind;
        Reference = reference;
        _payload = payload;
    }

    private AttributeValue(string value, long payload)
    {
        _header = TextKeyOf(value);
        Reference = value;
        _payload = payload;
    }

    public AttributeKind Kind => (AttributeKind)(byte)_header;

    /// <summary>
    /// For a string, <see cref="TextKeyOf"/> of it (kind, length and first chars in one number, kept when the context
    /// is built), so that a condition can rule most strings in or out without reading their chars; for other kinds,
    /// just the kind, which no text key equals.
    /// </summary>
    public ulong TextKey => _header;

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
        new(value, (long)(SemanticVersion.TryReadMajor(value, out var major) ? major : NoLeadingNumber));

    /// <summary>
    /// The <see cref="TextKey"/> of a string attribute with this text: <see cref="AttributeKind.String"/> in bits 0..7,
    /// the length (255 for 255 or more) in bits 8..15, and the first <see cref="KeyChars"/> chars (zero where the text is
    /// shorter) in bits 16..63. Equal texts have equal keys; equal keys of texts of at most <see cref="KeyChars"/> chars
    /// mean equal texts (ordinally).
    /// </summary>
    public static ulong TextKeyOf(string text)
    {
        var key = (ulong)AttributeKind.String | ((ulong)Math.Min(text.Length, 255) << 8);
        for (var i = 0; i < Math.Min(text.Length, KeyChars); i++)
        {
            key |= (ulong)text[i] << (16 * (i + 1));
        }

        return key;
    }

    /// <summary>Whether a text with key <paramref name="textKey"/> is at most <see cref="KeyChars"/> chars, so that the key alone decides equality.</summary>
    public static bool IsWholeText(ulong textKey) => (textKey & 0xFF00) <= (KeyChars << 8);

    public static AttributeValue FromNumber(double value) => new(AttributeKind.Number, null, BitConverter.DoubleToInt64Bits(value));

    public static AttributeValue FromBoolean(bool value) => new(AttributeKind.Boolean, null, BitConverter.DoubleToInt64Bits(value ? 1 : 0));

    public static AttributeValue FromDate(long utcTicks) => new(AttributeKind.Date, null, utcTicks);

    public static AttributeValue FromList(string[] values) => new(AttributeKind.StringList, values, 0);
}
