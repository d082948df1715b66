using System;

namespace ProgressiveDelivery.Packaging.Tests.Infrastructure;

/// <summary>A child process failed or timed out; the message carries the end of its output.</summary>
internal sealed class ChildProcessException : Exception
{
    private const int MaximumOutputLength = 30_000;

    public ChildProcessException(string message, string output)
        : base($"{message}{Environment.NewLine}--- output ---{Environment.NewLine}{Tail(output)}")
    {
    }

    private static string Tail(string output) =>
        output.Length <= MaximumOutputLength ? output : "[...]" + output[^MaximumOutputLength..];
}
