using System;
using System.Diagnostics;
using ProgressiveDelivery.Analysis.Judging;
using ProgressiveDelivery.Tests.Analysis.Judging.Simulation;

namespace ProgressiveDelivery.Simulation;

/// <summary>
/// Measures the cost of one judgment (Judge only: the inputs of a 24-hour A/A run with errors and latency are built
/// beforehand), so the report can show that it does not grow with the number of requests seen.
/// </summary>
internal static class JudgmentCost
{
    public static (double FirstHourMicroseconds, double LastHourMicroseconds) Measure(Func<JudgeOptions> options, int repetitions)
    {
        var scenario = new TrafficScenario { Name = "cost", Minutes = 1440, Latency = true };
        var inputs = TrafficSimulator.Inputs(scenario, seed: 1);
        double first = 0, last = 0;
        for (var r = 0; r < repetitions; r++)
        {
            var judge = new CanaryJudge(options());
            for (var i = 0; i < inputs.Length; i++)
            {
                var start = Stopwatch.GetTimestamp();
                judge.Judge(inputs[i]);
                var elapsed = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                if (i < 60)
                {
                    first += elapsed;
                }
                else if (i >= inputs.Length - 60)
                {
                    last += elapsed;
                }
            }
        }

        return (first / (60.0 * repetitions), last / (60.0 * repetitions));
    }
}
