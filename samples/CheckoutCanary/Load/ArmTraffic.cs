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

    /// <summary>The latency quantile in milliseconds (histogram resolution under 1%), NaN before the first request.</summary>
    public double LatencyQuantile(double q)
    {
        var summary = _milliseconds.GetSummary();
        return summary.Count == 0 || summary.Histogram is null ? double.NaN : summary.Histogram.Quantile(q);
    }
}
