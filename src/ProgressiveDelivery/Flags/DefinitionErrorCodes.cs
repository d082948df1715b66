namespace ProgressiveDelivery.Flags;

/// <summary>The codes of <see cref="DefinitionError"/>. They are stable: tooling may match on them.</summary>
public static class DefinitionErrorCodes
{
    /// <summary>The document is not valid JSON.</summary>
    public const string InvalidJson = "invalid_json";

    /// <summary>A field has the wrong JSON type (e.g. a string where a boolean is expected).</summary>
    public const string WrongType = "wrong_type";

    /// <summary>A field that is not part of the schema.</summary>
    public const string UnknownField = "unknown_field";

    /// <summary>A required field is missing or empty.</summary>
    public const string Missing = "missing";

    /// <summary>A key (flag, segment, variant) is not well-formed.</summary>
    public const string InvalidKey = "invalid_key";

    /// <summary>A flag, segment or variant key is defined twice.</summary>
    public const string DuplicateKey = "duplicate_key";

    /// <summary>An operator name that does not exist.</summary>
    public const string UnknownOperator = "unknown_operator";

    /// <summary>A flag kind that does not exist.</summary>
    public const string UnknownKind = "unknown_kind";

    /// <summary>A reference to a variant the flag does not define.</summary>
    public const string UnknownVariant = "unknown_variant";

    /// <summary>A reference to a flag that does not exist.</summary>
    public const string UnknownFlag = "unknown_flag";

    /// <summary>A reference to a segment that does not exist.</summary>
    public const string UnknownSegment = "unknown_segment";

    /// <summary>The variants of one flag have different value types.</summary>
    public const string MixedVariantTypes = "mixed_variant_types";

    /// <summary>A split's weights do not sum to 100%, are negative, or are finer than 0.01%.</summary>
    public const string InvalidWeights = "invalid_weights";

    /// <summary>A rule or default sets both a variant and a split, or a rule sets neither.</summary>
    public const string InvalidServe = "invalid_serve";

    /// <summary>Prerequisites form a cycle.</summary>
    public const string PrerequisiteCycle = "prerequisite_cycle";

    /// <summary>A regular expression that does not parse or is not supported in linear-time mode.</summary>
    public const string InvalidRegex = "invalid_regex";

    /// <summary>A literal that does not parse as a number.</summary>
    public const string InvalidNumber = "invalid_number";

    /// <summary>A literal that does not parse as a date.</summary>
    public const string InvalidDate = "invalid_date";

    /// <summary>A literal that does not parse as a semantic version.</summary>
    public const string InvalidSemVer = "invalid_semver";

    /// <summary>An operator that takes values has none, or one that takes exactly one value has several.</summary>
    public const string InvalidValues = "invalid_values";

    /// <summary>Any other value out of its allowed range.</summary>
    public const string InvalidValue = "invalid_value";

    /// <summary>A Microsoft.FeatureManagement feature filter that ProgressiveDelivery cannot evaluate (a custom filter): the feature is left out.</summary>
    public const string UnsupportedFilter = "unsupported_filter";
}
