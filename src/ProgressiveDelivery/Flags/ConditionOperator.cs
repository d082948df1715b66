namespace ProgressiveDelivery.Flags;

/// <summary>The operators of a <see cref="ConditionDefinition"/>. The JSON name of each is its camel-case name (<c>startsWith</c>).</summary>
public enum ConditionOperator
{
    /// <summary>The attribute equals a value (string comparison: <c>"12.0"</c> does not equal 12; use <see cref="NumberEquals"/> for numbers).</summary>
    Equals = 0,

    /// <summary>The attribute equals none of the values.</summary>
    NotEquals,

    /// <summary>The attribute is one of the values.</summary>
    In,

    /// <summary>The attribute is none of the values.</summary>
    NotIn,

    /// <summary>The attribute starts with a value.</summary>
    StartsWith,

    /// <summary>The attribute ends with a value.</summary>
    EndsWith,

    /// <summary>The attribute contains a value.</summary>
    Contains,

    /// <summary>The attribute matches a regular expression, evaluated in linear time (<c>RegexOptions.NonBacktracking</c>).</summary>
    Matches,

    /// <summary>The attribute, as a number, is less than a value.</summary>
    LessThan,

    /// <summary>The attribute, as a number, is at most a value.</summary>
    LessThanOrEqual,

    /// <summary>The attribute, as a number, is greater than a value.</summary>
    GreaterThan,

    /// <summary>The attribute, as a number, is at least a value.</summary>
    GreaterThanOrEqual,

    /// <summary>The attribute, as a date (ISO 8601 or Unix seconds), is before a value.</summary>
    Before,

    /// <summary>The attribute, as a date, is after a value.</summary>
    After,

    /// <summary>The attribute, as a semantic version (2.0.0 precedence), equals a value.</summary>
    SemVerEquals,

    /// <summary>The attribute, as a semantic version, is lower than a value.</summary>
    SemVerLessThan,

    /// <summary>The attribute, as a semantic version, is at most a value.</summary>
    SemVerLessThanOrEqual,

    /// <summary>The attribute, as a semantic version, is greater than a value.</summary>
    SemVerGreaterThan,

    /// <summary>The attribute, as a semantic version, is at least a value.</summary>
    SemVerGreaterThanOrEqual,

    /// <summary>The unit is in one of the segments named by the values.</summary>
    InSegment,

    /// <summary>The unit is in none of the segments named by the values.</summary>
    NotInSegment,

    /// <summary>The attribute is present in the context.</summary>
    Exists,

    /// <summary>
    /// The attribute, as a number, equals a value numerically (<c>"12.0"</c>, <c>"12"</c>, <c>"1.2e1"</c> and 12 are equal),
    /// read as <see cref="LessThan"/> reads it; an attribute that is not a number never matches. <see cref="Equals"/>
    /// compares text instead.
    /// </summary>
    NumberEquals,

    /// <summary>
    /// The attribute, as a number, differs numerically from a value; an attribute that is not a number (missing,
    /// text that does not parse, a boolean) never matches, as for every numeric operator.
    /// </summary>
    NumberNotEquals,
}
