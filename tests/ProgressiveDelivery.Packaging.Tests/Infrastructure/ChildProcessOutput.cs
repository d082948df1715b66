using System;

namespace ProgressiveDelivery.Packaging.Tests.Infrastructure;

/// <summary>What a child process that succeeded printed, and how long it took.</summary>
internal sealed record ChildProcessOutput(string CommandLine, string Text, TimeSpan Elapsed);
