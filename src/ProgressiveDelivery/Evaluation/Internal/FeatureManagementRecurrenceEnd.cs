namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>How an FM recurrence ends (its <c>Range.Type</c>); the values are FM's <c>RecurrenceRangeType</c>.</summary>
internal enum FeatureManagementRecurrenceEnd
{
    /// <summary>Never.</summary>
    NoEnd = 0,

    /// <summary>After the last occurrence that starts on or before <c>EndDate</c>.</summary>
    EndDate = 1,

    /// <summary>After <c>NumberOfOccurrences</c> occurrences.</summary>
    Numbered = 2,
}
