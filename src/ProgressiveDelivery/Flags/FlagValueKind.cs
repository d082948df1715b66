namespace ProgressiveDelivery.Flags;

/// <summary>The type of a <see cref="FlagValue"/>.</summary>
public enum FlagValueKind
{
    /// <summary>No value (the <c>default</c> <see cref="FlagValue"/>).</summary>
    None = 0,

    /// <summary>A boolean.</summary>
    Boolean = 1,

    /// <summary>A string.</summary>
    String = 2,

    /// <summary>A double-precision number.</summary>
    Number = 3,

    /// <summary>A JSON object or array.</summary>
    Json = 4,
}
