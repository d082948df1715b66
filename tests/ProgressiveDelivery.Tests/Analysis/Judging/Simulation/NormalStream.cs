using System;

namespace ProgressiveDelivery.Tests.Analysis.Judging.Simulation;

/// <summary>
/// Standard normal draws from a seeded <see cref="Random"/> by Marsaglia's polar method, keeping the spare value of each
/// pair (half the work of <see cref="SimulationRandom.Normal"/> per draw; the clustered simulator draws one per request).
/// </summary>
internal sealed class NormalStream
{
    private readonly Random _random;
    private double _spare;
    private bool _hasSpare;

    public NormalStream(Random random)
    {
        _random = random;
    }

    /// <summary>The next standard normal draw.</summary>
    public double Next()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }

        double u, v, s;
        do
        {
            u = (2 * _random.NextDouble()) - 1;
            v = (2 * _random.NextDouble()) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);

        var factor = Math.Sqrt(-2 * Math.Log(s) / s);
        _spare = v * factor;
        _hasSpare = true;
        return u * factor;
    }
}
