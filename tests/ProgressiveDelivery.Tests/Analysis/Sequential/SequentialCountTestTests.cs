using System;
using System.IO;
using System.Text.Json;
using MathNet.Numerics;
using ProgressiveDelivery.Analysis.Sequential;
using Xunit.Abstractions;
using Reference = MathNet.Numerics.SpecialFunctions;

namespace ProgressiveDelivery.Tests.Analysis.Sequential;

public class SequentialCountTestTests(ITestOutputHelper output)
{
    private const double Alpha = 0.05;

    [Theory]
    [InlineData(0.1, 100, new long[] { 3, 5, 2, 9 }, new long[] { 20, 31, 17, 40 })]
    [InlineData(0.25, 100, new long[] { 40, 12, 0, 33 }, new long[] { 90, 41, 7, 120 })]
    [InlineData(0.5, 1000, new long[] { 400, 380 }, new long[] { 350, 420 })]
    [InlineData(0.05, 100, new long[] { 0, 0, 1 }, new long[] { 10, 12, 30 })]
    public void LogBayesFactor_ConstantShare_MatchesBetaBinomialClosedForm(double share, double concentration, long[] canary, long[] baseline)
    {
        var test = new SequentialCountTest(new() { Concentration = concentration, OneSided = false, ReferenceShare = share });
        long x = 0, y = 0;
        var maxLogBf = 0.0;
        for (var i = 0; i < canary.Length; i++)
        {
            test.Update(canary[i], baseline[i], share);
            x += canary[i];
            y += baseline[i];

            // Lindon & Malek: BF = [B(a + N) / B(a)] / Π θ_i^N_i with a = c·θ; here by MathNet's ln B.
            var a = concentration * share;
            var b = concentration * (1 - share);
            var expected = Reference.BetaLn(a + x, b + y) - Reference.BetaLn(a, b) - (x * Math.Log(share)) - (y * Math.Log(1 - share));
            Assert.InRange(test.LogBayesFactor, expected - 1e-4, expected + 1e-4);
            maxLogBf = Math.Max(maxLogBf, expected);
        }

        Assert.Equal(Math.Min(1, Math.Exp(-maxLogBf)), test.PValue, 3);
        var closedForm = Reference.BetaLn((concentration * share) + x, (concentration * (1 - share)) + y)
            - Reference.BetaLn(concentration * share, concentration * (1 - share)) - (x * Math.Log(share)) - (y * Math.Log(1 - share));
        Assert.Equal(closedForm, SequentialCountTest.BetaBinomialLogBayesFactor(x, y, share, concentration), 1e-9 * Math.Max(1, Math.Abs(closedForm)));
    }

    [Fact]
    public void LogBayesFactor_ChangingShare_MatchesIndependentIntegral()
    {
        // Shares step 5% -> 10% -> 25% with the prior fixed at 5%; the reference is a double-exponential quadrature of
        // the same prior density times the product of the per-interval likelihood ratios, written here from scratch.
        double[] shares = [0.05, 0.05, 0.10, 0.10, 0.25, 0.25];
        long[] canary = [2, 4, 9, 6, 30, 41];
        long[] baseline = [60, 71, 58, 66, 80, 77];
        const double concentration = 100;
        const double reference = 0.05;
        var test = new SequentialCountTest(new() { Concentration = concentration, OneSided = false, ReferenceShare = reference });
        for (var i = 0; i < shares.Length; i++)
        {
            test.Update(canary[i], baseline[i], shares[i]);
            var expected = ReferenceLogMixture(concentration, reference, shares, canary, baseline, i + 1, lower: double.NegativeInfinity);
            Assert.InRange(test.LogBayesFactor, expected - 1e-4, expected + 1e-4);
        }
    }

    [Fact]
    public void LogBayesFactor_OneSided_MatchesTruncatedPriorIntegral()
    {
        double[] shares = [0.1, 0.1, 0.3];
        long[] canary = [5, 8, 30];
        long[] baseline = [30, 35, 40];
        var test = new SequentialCountTest(new() { Concentration = 100, OneSided = true, ReferenceShare = 0.1 });
        for (var i = 0; i < shares.Length; i++)
        {
            test.Update(canary[i], baseline[i], shares[i]);
            var expected = ReferenceLogMixture(100, 0.1, shares, canary, baseline, i + 1, lower: 0);
            Assert.InRange(test.LogBayesFactor, expected - 1e-3, expected + 1e-3);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rejects_NullWithFrequentLooksAndShareStep_AtMostAlpha(bool oneSided)
    {
        const int runs = 500;
        const int looks = 300;
        var rejections = 0;
        for (var run = 0; run < runs; run++)
        {
            var random = new Random(1000 + run);
            var test = new SequentialCountTest(new() { OneSided = oneSided });
            for (var look = 0; look < looks && !test.Rejects(Alpha); look++)
            {
                var weight = look < looks / 2 ? 0.05 : 0.25;
                SimulateInterval(random, test, weight, baselineRate: 0.01, ratio: 1);
            }

            rejections += test.Rejects(Alpha) ? 1 : 0;
        }

        output.WriteLine($"A/A rejection rate {rejections / (double)runs:P1} over {runs} runs x {looks} looks (one-sided: {oneSided})");
        Assert.InRange(rejections / (double)runs, 0, SimulationSampler.ThreeSigmaCeiling(Alpha, runs));
    }

    [Fact]
    public void Rejects_DoubledErrorRateAtTenPercent_DetectedInMostRunsWithinFourHours()
    {
        // JUDGE.md's scenario: 1000 requests/min, canary at 10%, baseline error rate 0.5%, canary errors x2.
        const int runs = 200;
        var detected = 0;
        var minutes = new int[runs];
        for (var run = 0; run < runs; run++)
        {
            var random = new Random(5000 + run);
            var test = new SequentialCountTest();
            minutes[run] = int.MaxValue;
            for (var minute = 1; minute <= 240; minute++)
            {
                SimulateInterval(random, test, 0.10, baselineRate: 0.005, ratio: 2);
                if (test.Rejects(Alpha))
                {
                    minutes[run] = minute;
                    detected++;
                    break;
                }
            }
        }

        Array.Sort(minutes);
        output.WriteLine($"x2 errors detected in {detected} of {runs} runs; median {minutes[runs / 2]} minutes");
        Assert.True(detected >= 0.95 * runs, $"detected {detected} of {runs}");
        Assert.True(minutes[runs / 2] <= 30, $"median {minutes[runs / 2]} minutes");
    }

    [Fact]
    public void Rejects_OneSidedCanaryWithHalfTheErrorRate_NeverWorse()
    {
        for (var run = 0; run < 200; run++)
        {
            var random = new Random(9000 + run);
            var test = new SequentialCountTest();
            for (var look = 0; look < 300; look++)
            {
                SimulateInterval(random, test, look < 150 ? 0.1 : 0.5, baselineRate: 0.02, ratio: 0.5);
                Assert.False(test.Rejects(Alpha));
            }

            Assert.True(test.RateRatio < 1);
        }
    }

    [Fact]
    public void Rejects_TwoSidedCanaryWithHalfTheErrorRate_Detected()
    {
        var random = new Random(77);
        var test = new SequentialCountTest(new() { OneSided = false });
        for (var look = 0; look < 300 && !test.Rejects(Alpha); look++)
        {
            SimulateInterval(random, test, 0.5, baselineRate: 0.02, ratio: 0.5);
        }

        Assert.True(test.Rejects(Alpha));
    }

    [Fact]
    public void RateRatio_ChangingShare_IsMantelHaenszelEstimate()
    {
        var test = new SequentialCountTest();
        test.Update(10, 90, 0.1);
        test.Update(40, 60, 0.25);

        // Σ x(1 - w) / Σ y·w, computed by hand.
        Assert.Equal(((10 * 0.9) + (40 * 0.75)) / ((90 * 0.1) + (60 * 0.25)), test.RateRatio, 12);
        Assert.Equal(10 + 25, test.ExpectedCanaryEvents, 12);
    }

    [Fact]
    public void Update_NoEventsOrZeroShare_LeavesEvidenceUnchanged()
    {
        var test = new SequentialCountTest();
        test.Update(0, 0, 0.1);
        test.Update(0, 25, 0);
        Assert.Equal(0, test.LogBayesFactor);
        Assert.Equal(1, test.PValue);
        Assert.True(double.IsNaN(test.ReferenceShare));
    }

    [Fact]
    public void Update_InvalidArguments_Throw()
    {
        var test = new SequentialCountTest();
        Assert.Throws<ArgumentOutOfRangeException>(() => test.Update(-1, 0, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => test.Update(0, 0, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => test.Update(0, 0, double.NaN));
        Assert.Throws<ArgumentException>(() => test.Update(3, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SequentialCountTest(new() { Concentration = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => test.Rejects(1));
    }

    [Fact]
    public void WriteTo_ReadFrom_RoundTripsBitExactly()
    {
        var random = new Random(3);
        var original = new SequentialCountTest(new() { Concentration = 250, OneSided = false, GridPoints = 101 });
        for (var i = 0; i < 50; i++)
        {
            SimulateInterval(random, original, i < 25 ? 0.1 : 0.3, 0.03, 1.4);
        }

        var json = Serialise(original);
        using var document = JsonDocument.Parse(json);
        var restored = SequentialCountTest.ReadFrom(document.RootElement);
        Assert.Equal(json, Serialise(restored));
        Assert.Equal(BitConverter.DoubleToInt64Bits(original.MaxLogBayesFactor), BitConverter.DoubleToInt64Bits(restored.MaxLogBayesFactor));

        original.Update(7, 11, 0.3);
        restored.Update(7, 11, 0.3);
        Assert.Equal(BitConverter.DoubleToInt64Bits(original.LogBayesFactor), BitConverter.DoubleToInt64Bits(restored.LogBayesFactor));
        Assert.Equal(original.RateRatio, restored.RateRatio);
    }

    [Fact]
    public void ReadFrom_WrongKind_ThrowsFormatException()
    {
        using var document = JsonDocument.Parse("{\"kind\":\"other\",\"version\":1}");
        Assert.Throws<FormatException>(() => SequentialCountTest.ReadFrom(document.RootElement));
    }

    [Fact]
    public void Update_AfterConstruction_AllocatesNothing()
    {
        var test = new SequentialCountTest();
        test.Update(1, 9, 0.1);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            test.Update(i % 3, 10, i < 500 ? 0.1 : 0.2);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    internal static string Serialise(SequentialCountTest test)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            test.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    // One simulated minute: 1000 requests split by the weight, errors per arm binomial, the measured share passed on.
    private static void SimulateInterval(Random random, SequentialCountTest test, double weight, double baselineRate, double ratio)
    {
        var canaryRequests = SimulationSampler.Binomial(random, 1000, weight);
        var baselineRequests = 1000 - canaryRequests;
        var canaryErrors = SimulationSampler.Binomial(random, canaryRequests, baselineRate * ratio);
        var baselineErrors = SimulationSampler.Binomial(random, baselineRequests, baselineRate);
        test.Update(canaryErrors, baselineErrors, canaryRequests / 1000.0);
    }

    // ln ∫ π(λ) Π_t LR_t(λ) dλ over λ ≥ lower, where π is the density that Beta(cθ, c(1-θ)) on the share of events
    // induces on λ = ln ρ (normalised over the integration range), by MathNet's double-exponential quadrature.
    private static double ReferenceLogMixture(double c, double theta, double[] shares, long[] canary, long[] baseline, int count, double lower)
    {
        var a = c * theta;
        var b = c * (1 - theta);
        var logit = Math.Log(theta / (1 - theta));
        double LogPrior(double lambda)
        {
            var p = 1 / (1 + Math.Exp(-(lambda + logit)));
            return (a * Math.Log(p)) + (b * Math.Log(1 - p)) - Reference.BetaLn(a, b);
        }

        double LogLikelihood(double lambda)
        {
            var sum = 0.0;
            for (var i = 0; i < count; i++)
            {
                sum += (canary[i] * lambda) - ((canary[i] + baseline[i]) * Math.Log(1 + (shares[i] * (Math.Exp(lambda) - 1))));
            }

            return sum;
        }

        var from = double.IsNegativeInfinity(lower) ? -6.0 : lower;
        var scale = double.NegativeInfinity;
        for (var lambda = from; lambda <= 6; lambda += 0.001)
        {
            scale = Math.Max(scale, LogPrior(lambda) + LogLikelihood(lambda));
        }

        var numerator = Integrate.DoubleExponential(l => Math.Exp(LogPrior(l) + LogLikelihood(l) - scale), from, 6);
        var prior = Integrate.DoubleExponential(l => Math.Exp(LogPrior(l)), from, 6);
        return scale + Math.Log(numerator) - Math.Log(prior);
    }
}
