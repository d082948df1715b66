using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;

namespace ProgressiveDelivery.Simulation;

/// <summary>
/// The frame every simulation report shares: a title, the exact command that reproduces it and the date, then the body,
/// then the total time; printed, and written to the <c>--out</c> file when one is given.
/// </summary>
internal sealed class ReportDocument
{
    private readonly Stopwatch _total = Stopwatch.StartNew();
    private readonly int _threads;
    private readonly string? _output;

    /// <param name="title">The report's heading.</param>
    /// <param name="arguments">The arguments before the common ones (e.g. <c>"rollouts "</c>), or empty.</param>
    /// <param name="runs">Seeded runs per scenario.</param>
    /// <param name="threads">Threads the runs use.</param>
    /// <param name="seed">The first seed.</param>
    /// <param name="output">The file the report is written to, or <see langword="null"/>.</param>
    public ReportDocument(string title, string arguments, int runs, int threads, int seed, string? output)
    {
        _threads = threads;
        _output = output;
        Text.AppendLine("# " + title);
        Text.AppendLine();
        Text.AppendLine(CultureInfo.InvariantCulture, $"Command: `dotnet run -c Release --project benchmarks/ProgressiveDelivery.Simulation -- {arguments}--runs {runs} --threads {threads} --seed {seed}{(output is null ? string.Empty : " --out " + output)}`  ");
        Text.AppendLine(CultureInfo.InvariantCulture, $"Date: {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} logical CPU(s); .NET {Environment.Version}.");
        Text.AppendLine();
    }

    public StringBuilder Text { get; } = new();

    /// <summary>Appends the total time, prints the report and writes it to the output file; returns the exit code.</summary>
    public int Finish()
    {
        Text.AppendLine();
        Text.AppendLine(CultureInfo.InvariantCulture, $"Total time: {_total.Elapsed.TotalSeconds:F0} s on {_threads} thread(s).");
        var text = Text.ToString();
        Console.Write(text);
        if (_output is not null)
        {
            File.WriteAllText(_output, text);
        }

        return 0;
    }
}
