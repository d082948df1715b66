using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using ProgressiveDelivery.Rollouts.Audit;
using ProgressiveDelivery.Rollouts.Persistence;

namespace ProgressiveDelivery.CrashHarness;

/// <summary>
/// Counts forever in a rollout's state, logging each step in the audit log first and writing the state second, until
/// the crash test kills it. Usage: <c>dotnet ProgressiveDelivery.CrashHarness.dll &lt;directory&gt;</c>. Prints <c>ready</c>
/// once the store is open, then each counter value once its state is stored.
/// </summary>
/// <remarks>
/// The state's counter always equals the sequence number of its audit head: entry n records the step to n. The log is
/// written first, so a kill between the two writes leaves the log one entry ahead of the state; the next run finds
/// that entry and completes the step instead of logging it again (the log is the intent, the state its effect).
/// </remarks>
public static class Program
{
    public const string RolloutId = "crash-test";
    public const int PayloadLength = 8192;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 1)
        {
            await Console.Error.WriteLineAsync("usage: ProgressiveDelivery.CrashHarness <directory>");
            return 64;
        }

        var store = new FileRolloutStore(Path.Combine(args[0], "state"));
        var log = new FileAuditLog(Path.Combine(args[0], "audit"));
        Console.WriteLine("ready");

        while (true)
        {
            var current = await store.GetAsync(RolloutId);
            var stateHead = current?.AuditHead ?? AuditHead.Genesis;
            var logHead = await log.GetHeadAsync(RolloutId);
            AuditHead head;
            if (logHead.Sequence == stateHead.Sequence)
            {
                var next = stateHead.Sequence + 1;
                using var evidence = JsonDocument.Parse(string.Create(CultureInfo.InvariantCulture, $$"""{"counter":{{next}}}"""));
                var entry = await log.AppendAsync(new AuditEvent(
                    RolloutId,
                    "crash-harness",
                    AuditActions.Transition,
                    "count",
                    (next - 1).ToString(CultureInfo.InvariantCulture),
                    next.ToString(CultureInfo.InvariantCulture),
                    evidence.RootElement));
                head = entry.Head;
            }
            else if (logHead.Sequence == stateHead.Sequence + 1)
            {
                head = logHead; // Logged before the last crash, never stored: complete it.
            }
            else
            {
                await Console.Error.WriteLineAsync($"The audit head {logHead} and the state's head {stateHead} are inconsistent.");
                return 2;
            }

            var state = State(head.Sequence);
            var stored = await store.UpdateAsync(RolloutId, _ => new RolloutDocument(RolloutId, state, head));
            Console.WriteLine(stored.State.GetProperty("counter").GetInt64().ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The state for a counter value: the counter and a payload of one letter that depends on it, so that a mix of two versions would show.</summary>
    public static JsonElement State(long counter)
    {
        var payload = new string((char)('a' + (counter % 26)), PayloadLength);
        using var document = JsonDocument.Parse(string.Create(CultureInfo.InvariantCulture, $$"""{"counter":{{counter}},"payload":"{{payload}}"}"""));
        return document.RootElement.Clone();
    }
}
