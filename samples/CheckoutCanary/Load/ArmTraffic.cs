using System.Threading;
using ProgressiveDelivery.Analysis.Observations;

namespace CheckoutCanary.Load;

/// <summary>What the load generator saw of one implementation: requests, failures and latency (client side).</summary>
internal sealed class ArmTraffic
{
    private long _requests;
    private long _errors;
    private readonly ValueRecorder _milliseconds = new();

    public long Requests => Interlocked.Read(ref _requests);

    public long Errors => Interlocked.Read(ref _errors);

    public double ErrorRate => Requests == 0 ? double.NaN : (double)Errors / Requests;

    public void Record(bool failed, double milliseconds)
    {
        Interlocked.Increment(ref _requests);
        if (failed)
        {
            Interlocked.Increment(ref _errors);
        }

        _milliseconds.Record(milliseconds);
    }

    /// <summary>The median and 95th percentile latency in milliseconds (histogram resolution under 1%), NaN before the first request.</summary>
    public (double P50, double P95) LatencyQuantiles()
    {
        var histogram = _milliseconds.GetSummary().Histogram;
        return histogram is null || histogram.Count == 0 ? (double.NaN, double.NaN) : (histogram.Quantile(0.5), histogram.Quantile(0.95));
    }
}
