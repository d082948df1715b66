using System;
using ProgressiveDelivery.Analysis.Internal;

namespace ProgressiveDelivery.Analysis.FixedHorizon;

// Argument checks and normal-theory helpers shared by the fixed-horizon tests.
internal static class TestArguments
{
    public static void ValidateConfidence(double confidenceLevel)
    {
        if (!(confidenceLevel > 0 && confidenceLevel < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel), confidenceLevel, "The confidence level must lie in (0, 1).");
        }
    }

    public static void ValidateAlternative(TestAlternative alternative)
    {
        if (alternative is not (TestAlternative.TwoSided or TestAlternative.Less or TestAlternative.Greater))
        {
            throw new ArgumentOutOfRangeException(nameof(alternative), alternative, "Unknown alternative.");
        }
    }

    // The p-value of a standard normal statistic z for the alternative.
    public static double NormalPValue(double z, TestAlternative alternative) => alternative switch
    {
        TestAlternative.Less => SpecialFunctions.NormalCdf(z),
        TestAlternative.Greater => SpecialFunctions.NormalSurvival(z),
        _ => Math.Min(1, 2 * SpecialFunctions.NormalSurvival(Math.Abs(z))),
    };

    // estimate ± z·se, one-sided intervals open on the side of the alternative's complement.
    public static (double Lower, double Upper) NormalInterval(double estimate, double standardError, double confidenceLevel, TestAlternative alternative)
    {
        var alpha = 1 - confidenceLevel;
        return alternative switch
        {
            TestAlternative.Less => (double.NegativeInfinity, estimate + (SpecialFunctions.NormalQuantile(1 - alpha) * standardError)),
            TestAlternative.Greater => (estimate - (SpecialFunctions.NormalQuantile(1 - alpha) * standardError), double.PositiveInfinity),
            _ => (estimate - (SpecialFunctions.NormalQuantile(1 - (alpha / 2)) * standardError),
                estimate + (SpecialFunctions.NormalQuantile(1 - (alpha / 2)) * standardError)),
        };
    }
}
