namespace ProgressiveDelivery.Outcomes;

/// <summary>The outcome of one unit of work served under a flag evaluation.</summary>
/// <param name="Failed">Whether it failed (for HTTP: a 5xx status or an unhandled exception).</param>
/// <param name="DurationSeconds">How long it took, in seconds.</param>
public readonly record struct RequestOutcome(bool Failed, double DurationSeconds);
