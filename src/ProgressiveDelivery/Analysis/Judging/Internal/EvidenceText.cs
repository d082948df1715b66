using System;
using System.Globalization;

namespace ProgressiveDelivery.Analysis.Judging.Internal;

/// <summary>The one-line explanation of a metric's bounds, on the scale they decide on.</summary>
internal static class EvidenceText
{
    public static string Describe(string what, bool logScale, EffectBounds bounds, double margin)
    {
        if (double.IsNaN(bounds.Lower))
        {
            return what + "; not enough data for bounds yet.";
        }

        return logScale
            ? string.Create(CultureInfo.InvariantCulture, $"{what}; canary/baseline {Math.Exp(bounds.Estimate):G4} in [{Math.Exp(bounds.Lower):G4}, {Math.Exp(bounds.Upper):G4}] (anytime-valid); margin x{Math.Exp(margin):G4}.")
            : string.Create(CultureInfo.InvariantCulture, $"{what}; canary - baseline {bounds.Estimate:G4} in [{bounds.Lower:G4}, {bounds.Upper:G4}] (anytime-valid); margin {margin:G4}.");
    }
}
