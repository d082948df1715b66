using System;
using System.Diagnostics;
using System.Threading.Tasks;

namespace ProgressiveDelivery.AspNetCore.Tests.Infrastructure;

/// <summary>Waits for work running on the thread pool (a driver tick fired by the manual clock); no test logic depends on real time.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException("The condition did not become true within 10 seconds.");
            }

            await Task.Delay(5);
        }
    }
}
