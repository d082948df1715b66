namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>One typed context attribute value, stored flat so that reading it never boxes or allocates.</summary>
internal readonly struct AttributeValue
{
    private AttributeValue(AttributeKind kind, object? reference, double number, long ticks)
    {
        Kind = kind;
        Reference = reference;
        Number = number;
        UtcTicks = ticks;
    }

    public AttributeKind Kind { get; }

    /// <summary>The <see cref="string"/> (String) or <see cref="T:string[]"/> (StringList).</summary>
    public object? Reference { get; }

    /// <summary>The number (Number), or 1/0 (Boolean).</summary>
    public double Number { get; }

    /// <summary>UTC ticks (Date).</summary>
    public long UtcTicks { get; }

    public string String => (string)Reference!;

    public string[] List => (string[])Reference!;

    public static AttributeValue FromString(string value) => new(AttributeKind.String, value, 0, 0);

    public static AttributeValue FromNumber(double value) => new(AttributeKind.Number, null, value, 0);

    public static AttributeValue FromBoolean(bool value) => new(AttributeKind.Boolean, null, value ? 1 : 0, 0);

    public static AttributeValue FromDate(long utcTicks) => new(AttributeKind.Date, null, 0, utcTicks);

    public static AttributeValue FromList(string[] values) => new(AttributeKind.StringList, values, 0, 0);
}
