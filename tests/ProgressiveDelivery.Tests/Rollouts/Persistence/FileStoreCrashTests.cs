using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Persistence;
using ProgressiveDelivery.Tests.Fakes;
using Xunit.Abstractions;

namespace ProgressiveDelivery.Tests.Rollouts.Persistence;

/// <summary>
/// Kills a process that writes rollout state and audit entries (tests/ProgressiveDelivery.CrashHarness) with SIGKILL at
/// random moments, 200 times over one directory, and checks after every kill what a restarted process would find.
/// </summary>
public sealed class FileStoreCrashTests : IDisposable
{
    private const int Iterations = 200;
    private const int Seed = 20261121;
    private const string RolloutId = "crash-test";
    private const int PayloadLength = 8192;

    private readonly TempDirectory _directory = new();
    private readonly ITestOutputHelper _output;

    public FileStoreCrashTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Harness_KilledAtRandomMoments_AlwaysLeavesAValidStateAndAVerifiableChain()
    {
        var harness = Path.Combine(AppContext.BaseDirectory, "crash-harness", "ProgressiveDelivery.CrashHarness.dll");
        Assert.True(File.Exists(harness), $"The crash harness was not built next to the tests: {harness}");
        var random = new Random(Seed);
        var stateDirectory = Path.Combine(_directory.Path, "state");
        var elapsed = Stopwatch.StartNew();
        long counter = 0;
        int logAhead = 0, tempFilesLeft = 0;

        for (var iteration = 1; iteration <= Iterations; iteration++)
        {
            var acknowledged = await RunAndKillAsync(harness, TimeSpan.FromMilliseconds(random.Next(20, 151)));
            tempFilesLeft += Directory.Exists(stateDirectory) ? Directory.GetFiles(stateDirectory, "*.tmp").Length : 0;

            // What a restarted process finds.
            var store = new FileRolloutStore(stateDirectory);
            var log = new FileAuditLog(Path.Combine(_directory.Path, "audit"));
            var document = await store.GetAsync(RolloutId);
            var chain = await log.ReadAsync(RolloutId);
            var head = document?.AuditHead ?? AuditHead.Genesis;
            var next = document is null ? 0 : document.State.GetProperty("counter").GetInt64();
            var where = $"after kill {iteration} (counter {next}, chain of {chain.Count}, last acknowledged {acknowledged})";

            Assert.Empty(Directory.GetFiles(stateDirectory, "*.tmp")); // Opening the store removed what the kill left.
            var verification = AuditChainVerifier.Verify(chain, head);
            Assert.True(verification.IsValid, $"{where}: {verification}");
            Assert.True(next >= counter, $"{where}: the counter went back from {counter}");
            Assert.True(next >= acknowledged, $"{where}: a write the harness saw stored was lost");
            Assert.Equal(head.Sequence, next);
            Assert.InRange(chain.Count, next, next + 1); // The log is written first: at most one entry ahead.
            if (document is not null)
            {
                var payload = document.State.GetProperty("payload").GetString()!;
                Assert.Equal(PayloadLength, payload.Length);
                Assert.True(payload.AsSpan().IndexOfAnyExcept((char)('a' + (next % 26))) < 0, $"{where}: the payload is not the one of counter {next}");
            }

            logAhead += chain.Count > next ? 1 : 0;
            counter = next;
        }

        _output.WriteLine(
            $"{Iterations} kills in {elapsed.Elapsed.TotalSeconds:0.0} s; final counter {counter}; killed between the audit append and the state write {logAhead} times; temp files left by a kill {tempFilesLeft}.");
        Assert.True(counter > 0, "The harness never stored a state: the kills came too early to test anything.");
    }

    /// <summary>Starts the harness, waits until it is ready plus <paramref name="delay"/>, kills it; returns the last counter it reported stored.</summary>
    private async Task<long> RunAndKillAsync(string harness, TimeSpan delay)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(harness);
        start.ArgumentList.Add(_directory.Path);
        using var process = Process.Start(start)!;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long acknowledged = 0;
        var stdout = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line == "ready")
                {
                    ready.TrySetResult();
                }
                else
                {
                    acknowledged = long.Parse(line, System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            ready.TrySetResult();
        });
        var stderr = process.StandardError.ReadToEndAsync();

        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await Task.Delay(delay);
        var exitedOnItsOwn = process.HasExited;
        process.Kill(); // SIGKILL on Unix: no finally blocks, no flushing, like a power cut for the process (not for the disk).
        await process.WaitForExitAsync();
        await stdout;
        Assert.False(exitedOnItsOwn, $"The harness exited on its own with code {process.ExitCode}: {await stderr}");
        return acknowledged;
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : "dotnet";
}
