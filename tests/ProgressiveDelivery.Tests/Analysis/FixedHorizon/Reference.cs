using System;

namespace ProgressiveDelivery.Tests.Analysis.FixedHorizon;

/// <summary>Assertion helpers for comparisons with independently computed reference values.</summary>
internal static class Reference
{
    public static void AssertRelative(double expected, double actual, double tolerance, string? context = null)
    {
        if (expected == actual)
        {
            return;
        }

        var error = Math.Abs(expected - actual) / Math.Abs(expected);
        Assert.True(error <= tolerance, $"{context} expected {expected:R}, actual {actual:R}, relative error {error:E3} > {tolerance:E1}");
    }

    public static void AssertAbsolute(double expected, double actual, double tolerance, string? context = null) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{context} expected {expected:R}, actual {actual:R}, |error| > {tolerance:E1}");
}
