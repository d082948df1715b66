using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace CheckoutCanary.Run;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM end the demo the friendly way: the first one cancels the run (the app and the load stop,
/// the summary is printed, child replicas are stopped) instead of killing the process; a second one while it stops is
/// left to its default action, which ends the process at once. The process owns these signals: the embedded web apps
/// do not handle them (<see cref="App.EmbeddedHostLifetime"/>).
/// </summary>
/// <remarks>
/// A signal that was ignored when the process started (SIGINT, for a background job of a non-interactive shell) stays
/// ignored: the runtime does not deliver it.
/// </remarks>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _cancellation;
    private readonly PosixSignalRegistration[] _registrations;
    private readonly Lock _lock = new();
    private PosixSignal? _received;

    private ShutdownSignals(CancellationTokenSource cancellation, bool ignoreInterrupt)
    {
        _cancellation = cancellation;
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, ignoreInterrupt ? Ignore : Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
        ];
    }

    /// <summary>The first signal received, or null.</summary>
    public PosixSignal? Received
    {
        get
        {
            lock (_lock)
            {
                return _received;
            }
        }
    }

    /// <summary>Cancels <paramref name="cancellation"/> on the first SIGINT or SIGTERM, until disposed.</summary>
    public static ShutdownSignals Register(CancellationTokenSource cancellation) => new(cancellation, ignoreInterrupt: false);

    /// <summary>
    /// A child replica's signals: cancels <paramref name="cancellation"/> on the first SIGTERM, and ignores SIGINT, until
    /// disposed. Ctrl+C in a terminal reaches the whole process group: the parent handles it (its last look, then it
    /// stops the children through their standard input), and a second Ctrl+C ends the parent only.
    /// </summary>
    public static ShutdownSignals RegisterIgnoringInterrupt(CancellationTokenSource cancellation) => new(cancellation, ignoreInterrupt: true);

    /// <summary>The shell's exit code for a process that <paramref name="signal"/> ended: 128 + the signal's number.</summary>
    public static int ExitCodeFor(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGINT => 130,
        PosixSignal.SIGTERM => 143,
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "Only SIGINT and SIGTERM end the demo gracefully."),
    };

    /// <summary>The signal's name as a user knows it.</summary>
    public static string Describe(PosixSignal signal) => signal == PosixSignal.SIGINT ? "Ctrl+C (SIGINT)" : signal.ToString();

    private static void Ignore(PosixSignalContext context) => context.Cancel = true;

    private void Handle(PosixSignalContext context)
    {
        lock (_lock)
        {
            if (_received is not null)
            {
                return; // the second signal: its default action ends the process now
            }

            _received = context.Signal;
        }

        context.Cancel = true;
        // Not Cancel(): its callbacks (and the continuations that stop the run) must not run on the signal's thread.
        _ = _cancellation.CancelAsync();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }
}
