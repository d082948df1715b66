namespace ProgressiveDelivery.Analysis.Judging.Internal;

/// <summary>A decision with its reason code and explanation, before the verdict is assembled.</summary>
internal readonly record struct DecisionOutcome(JudgeDecision Decision, string Reason, string Message);
