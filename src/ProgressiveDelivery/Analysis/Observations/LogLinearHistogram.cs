using System;
using System.Threading;

namespace ProgressiveDelivery.Analysis.Observations;

/// <summary>
/// A mergeable log-linear histogram of real values: every power-of-two range [2^e, 2^(e+1)) of magnitudes is cut into
/// <see cref="SubBucketsPerBinade"/> equal-width buckets, so each bucket's midpoint is within
/// <see cref="RelativeError"/> (1/128 ≈ 0.78%) of every value in it. Magnitudes from <see cref="MinMagnitude"/> (2^-64)
/// up to <see cref="MaxMagnitude"/> (2^64) are covered; smaller magnitudes (and zero) fall in a zero bucket, larger
/// ones in the top bucket. Negative values are kept in a mirrored set of buckets.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Record"/> is thread-safe, O(1) and lock-free: it finds the bucket from the bits of the double (no
/// logarithm) and increments it with <see cref="Interlocked"/>. Storage is allocated per binade on first use (64
/// counters, 512 bytes), so a histogram of latencies spanning a few decades costs a few kilobytes; once a binade has
/// been touched, recording into it never allocates.
/// </para>
/// <para>
/// A histogram made read-only (see <see cref="ToReadOnly"/>; the copies inside a <see cref="ValueSummary"/> are) rejects
/// <see cref="Record"/> and <see cref="Merge"/>.
/// </para>
/// </remarks>
public sealed partial class LogLinearHistogram
{
    /// <summary>The number of buckets each power-of-two range of magnitudes is cut into (64).</summary>
    public const int SubBucketsPerBinade = 1 << SubBucketBits;

    /// <summary>
    /// The largest relative distance between a bucket's representative value (its midpoint) and any value in the
    /// bucket: 1 / (2 × <see cref="SubBucketsPerBinade"/>) = 1/128 ≈ 0.0078. Quantiles carry the same bound.
    /// </summary>
    public const double RelativeError = 1.0 / (2 * SubBucketsPerBinade);

    /// <summary>The smallest magnitude with its own bucket: 2^-64 ≈ 5.4e-20; smaller magnitudes count as zero.</summary>
    public const double MinMagnitude = 5.421010862427522170037264004349708557128906250e-20;

    /// <summary>The end of the covered magnitudes: 2^64 ≈ 1.8e19; larger magnitudes count in the top bucket.</summary>
    public const double MaxMagnitude = 18446744073709551616.0;

    internal const int SubBucketBits = 6;
    internal const int MinExponent = -64;
    internal const int MaxExponent = 63;
    internal const int Binades = MaxExponent - MinExponent + 1;
    internal const int BucketsPerSign = Binades * SubBucketsPerBinade;

    private readonly long[]?[] _positive = new long[]?[Binades];
    private readonly bool _readOnly;
    private long[]?[]? _negative;
    private long _zeroCount;
    private long _count;

    /// <summary>Creates an empty, writable histogram.</summary>
    public LogLinearHistogram()
    {
    }

    private LogLinearHistogram(LogLinearHistogram source, bool readOnly)
    {
        AddFrom(source);
        _readOnly = readOnly;
    }

    /// <summary>Gets the total number of observations recorded (including merged ones).</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>Gets the number of observations in the zero bucket (magnitude below <see cref="MinMagnitude"/>).</summary>
    public long ZeroCount => Interlocked.Read(ref _zeroCount);

    /// <summary>Gets a value indicating whether the histogram rejects <see cref="Record"/> and <see cref="Merge"/>.</summary>
    public bool IsReadOnly => _readOnly;

    /// <summary>Records one observation. Thread-safe, O(1), lock-free and allocation-free once its binade is in use.</summary>
    /// <param name="value">The observed value; any finite number.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    /// <exception cref="InvalidOperationException">The histogram is read-only.</exception>
    public void Record(double value)
    {
        if (!double.IsFinite(value))
        {
            ThrowNotFinite(value);
        }

        ThrowIfReadOnly();
        Increment(value, 1);
    }

    /// <summary>Adds every observation of <paramref name="other"/> to this histogram.</summary>
    /// <param name="other">The histogram to add; it is not changed. It may be this instance (doubling every count).</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">This histogram is read-only.</exception>
    public void Merge(LogLinearHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        ThrowIfReadOnly();
        AddFrom(ReferenceEquals(other, this) ? new LogLinearHistogram(this, readOnly: true) : other);
    }

    /// <summary>Returns a writable copy of this histogram.</summary>
    /// <returns>A new histogram with the same counts.</returns>
    public LogLinearHistogram Clone() => new(this, readOnly: false);

    /// <summary>Returns a read-only copy of this histogram (or this instance if it is already read-only).</summary>
    /// <returns>A histogram with the same counts that rejects further recording.</returns>
    public LogLinearHistogram ToReadOnly() => _readOnly ? this : new LogLinearHistogram(this, readOnly: true);

    /// <summary>The representative value (midpoint) of the bucket that <paramref name="value"/> falls in.</summary>
    /// <param name="value">Any finite value.</param>
    /// <returns>The value the histogram stores in place of <paramref name="value"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite.</exception>
    public static double RepresentativeOf(double value)
    {
        if (!double.IsFinite(value))
        {
            ThrowNotFinite(value);
        }

        var index = IndexOf(Math.Abs(value));
        return index < 0 ? 0 : Math.CopySign(RepresentativeOfIndex(index), value);
    }

    // Adds count observations to a bucket given by sign (-1, 0, +1) and index; used by deserialisation.
    internal void AddToBucket(int sign, int index, long count)
    {
        if (sign == 0)
        {
            Interlocked.Add(ref _zeroCount, count);
        }
        else
        {
            var chunks = sign > 0 ? _positive : GetNegativeChunks();
            Interlocked.Add(ref GetOrCreateChunk(chunks, index >> SubBucketBits)[index & (SubBucketsPerBinade - 1)], count);
        }

        Interlocked.Add(ref _count, count);
    }

    // The bucket index of a magnitude: -1 for the zero bucket, otherwise binade * 64 + sub-bucket.
    internal static int IndexOf(double magnitude)
    {
        var bits = BitConverter.DoubleToInt64Bits(magnitude);
        var exponent = (int)(bits >> 52) - 1023;
        if (exponent < MinExponent)
        {
            return -1;
        }

        if (exponent > MaxExponent)
        {
            return BucketsPerSign - 1;
        }

        var sub = (int)(bits >> (52 - SubBucketBits)) & (SubBucketsPerBinade - 1);
        return ((exponent - MinExponent) << SubBucketBits) | sub;
    }

    internal static double LowerOfIndex(int index) =>
        Math.ScaleB(1 + ((index & (SubBucketsPerBinade - 1)) / (double)SubBucketsPerBinade), (index >> SubBucketBits) + MinExponent);

    internal static double UpperOfIndex(int index) =>
        Math.ScaleB(1 + (((index & (SubBucketsPerBinade - 1)) + 1) / (double)SubBucketsPerBinade), (index >> SubBucketBits) + MinExponent);

    internal static double RepresentativeOfIndex(int index) =>
        Math.ScaleB(1 + (((index & (SubBucketsPerBinade - 1)) + 0.5) / SubBucketsPerBinade), (index >> SubBucketBits) + MinExponent);

    private static long[] GetOrCreateChunk(long[]?[] chunks, int binade)
    {
        var chunk = Volatile.Read(ref chunks[binade]);
        if (chunk is null)
        {
            var created = new long[SubBucketsPerBinade];
            chunk = Interlocked.CompareExchange(ref chunks[binade], created, null) ?? created;
        }

        return chunk;
    }

    private static void ThrowNotFinite(double value) =>
        throw new ArgumentOutOfRangeException(nameof(value), value, "Only finite values can be recorded.");

    private long[]?[] GetNegativeChunks()
    {
        var chunks = Volatile.Read(ref _negative);
        if (chunks is null)
        {
            var created = new long[]?[Binades];
            chunks = Interlocked.CompareExchange(ref _negative, created, null) ?? created;
        }

        return chunks;
    }

    private void Increment(double value, long count)
    {
        var index = IndexOf(Math.Abs(value));
        if (index < 0)
        {
            Interlocked.Add(ref _zeroCount, count);
        }
        else
        {
            var chunks = value > 0 ? _positive : GetNegativeChunks();
            var chunk = GetOrCreateChunk(chunks, index >> SubBucketBits);
            Interlocked.Add(ref chunk[index & (SubBucketsPerBinade - 1)], count);
        }

        Interlocked.Add(ref _count, count);
    }

    private void AddFrom(LogLinearHistogram source)
    {
        var zero = Interlocked.Read(ref source._zeroCount);
        if (zero != 0)
        {
            AddToBucket(0, 0, zero);
        }

        AddChunks(source._positive, 1);
        var negative = Volatile.Read(ref source._negative);
        if (negative is not null)
        {
            AddChunks(negative, -1);
        }
    }

    private void AddChunks(long[]?[] sourceChunks, int sign)
    {
        for (var binade = 0; binade < Binades; binade++)
        {
            var chunk = Volatile.Read(ref sourceChunks[binade]);
            if (chunk is null)
            {
                continue;
            }

            for (var sub = 0; sub < SubBucketsPerBinade; sub++)
            {
                var count = Interlocked.Read(ref chunk[sub]);
                if (count != 0)
                {
                    AddToBucket(sign, (binade << SubBucketBits) | sub, count);
                }
            }
        }
    }

    private void ThrowIfReadOnly()
    {
        if (_readOnly)
        {
            throw new InvalidOperationException("This histogram is a read-only copy; record into its recorder instead.");
        }
    }
}
