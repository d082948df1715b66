using System;
using System.Globalization;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>Formats non-string attributes as invariant text into a caller's stack buffer, so string operators and bucketing can use them without allocating.</summary>
internal static class AttributeText
{
    /// <summary>A buffer size that fits any formatted number ("R"), boolean or round-trip date.</summary>
    public const int BufferLength = 64;

    public static bool TryFormat(in AttributeValue value, Span<char> buffer, out int written)
    {
        switch (value.Kind)
        {
            case AttributeKind.Number:
                return value.Number.TryFormat(buffer, out written, "R", CultureInfo.InvariantCulture);
            case AttributeKind.Boolean:
                var text = value.Number != 0 ? "true" : "false";
                text.AsSpan().CopyTo(buffer);
                written = text.Length;
                return true;
            case AttributeKind.Date:
                return new DateTimeOffset(value.UtcTicks, TimeSpan.Zero).TryFormat(buffer, out written, "O", CultureInfo.InvariantCulture);
            default:
                written = 0;
                return false;
        }
    }
}
