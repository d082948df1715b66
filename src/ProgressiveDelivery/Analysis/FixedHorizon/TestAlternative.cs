namespace ProgressiveDelivery.Analysis.FixedHorizon;

/// <summary>
/// The alternative hypothesis of a fixed-horizon test, stated for the first sample (x, usually the canary) against
/// the second (y, usually the baseline), as R's <c>alternative</c> argument.
/// </summary>
public enum TestAlternative
{
    /// <summary>x differs from y in either direction (R: "two.sided").</summary>
    TwoSided = 0,

    /// <summary>x is less than y: smaller proportion, odds ratio below 1, location shift or mean difference below 0 (R: "less").</summary>
    Less = 1,

    /// <summary>x is greater than y: larger proportion, odds ratio above 1, location shift or mean difference above 0 (R: "greater").</summary>
    Greater = 2,
}
