namespace ProgressiveDelivery.Analysis.Judging;

/// <summary>One problem found by <see cref="JudgeOptions.Validate"/>.</summary>
/// <param name="Metric">The name (or, when it has none, the index as <c>#3</c>) of the metric the problem is in; <see langword="null"/> for a judge-level setting.</param>
/// <param name="Field">The offending setting, e.g. <c>Tolerance</c> or <c>Kayenta.PassThreshold</c>.</param>
/// <param name="Message">A sentence saying what is wrong and what is expected.</param>
public sealed record JudgeOptionsError(string? Metric, string Field, string Message)
{
    /// <summary>The problem as one line: <c>metric 'name'.Field: message</c>.</summary>
    /// <returns>A human-readable description.</returns>
    public override string ToString() =>
        Metric is null ? $"{Field}: {Message}" : $"metric '{Metric}'.{Field}: {Message}";
}
