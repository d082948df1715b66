using System;
using System.Collections.Generic;
using System.Threading;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Evaluation;

/// <summary>
/// Evaluates flags against the current <see cref="FlagSnapshot"/> and swaps snapshots atomically on reload.
/// Thread-safe; evaluating allocates nothing and never throws for a missing flag or a failed evaluation (the caller's
/// default is returned with reason <see cref="EvaluationReason.Error"/> and an <see cref="EvaluationErrorCode"/>).
/// </summary>
/// <remarks>
/// Every evaluation reads the snapshot once, so an evaluation that races with <see cref="Update"/> sees either the old or
/// the new snapshot, never a mix, prerequisites included. A <see langword="null"/> flag key or context is a programming
/// error and throws <see cref="ArgumentNullException"/>; a key that is not defined is not (reason <c>error</c>,
/// <c>flag_not_found</c>).
/// </remarks>
public sealed partial class FlagEvaluator
{
    private readonly EvaluationHook[] _hooks;
    private readonly Action<EvaluationHook, Exception>? _onHookError;
    private volatile FlagSnapshot _snapshot;
    private long _hookFailures;

    /// <summary>Creates an evaluator over <see cref="FlagSnapshot.Empty"/>, without hooks.</summary>
    public FlagEvaluator()
        : this(FlagSnapshot.Empty, new FlagEvaluatorOptions())
    {
    }

    /// <summary>Creates an evaluator over a snapshot, without hooks.</summary>
    /// <param name="snapshot">The initial snapshot.</param>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is <see langword="null"/>.</exception>
    public FlagEvaluator(FlagSnapshot snapshot)
        : this(snapshot, new FlagEvaluatorOptions())
    {
    }

    /// <summary>Creates an evaluator over a snapshot with options (copied now; later changes to them have no effect).</summary>
    /// <param name="snapshot">The initial snapshot.</param>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><see cref="FlagEvaluatorOptions.Hooks"/> contains <see langword="null"/>.</exception>
    public FlagEvaluator(FlagSnapshot snapshot, FlagEvaluatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        var hooks = new EvaluationHook[options.Hooks.Count];
        options.Hooks.CopyTo(hooks, 0);
        if (Array.IndexOf(hooks, null) >= 0)
        {
            throw new ArgumentException("The hooks must not contain null.", nameof(options));
        }

        _hooks = hooks;
        _onHookError = options.OnHookError;
        _snapshot = snapshot;
        _baseSnapshot = snapshot;
    }

    /// <summary>
    /// Raised after <see cref="Update"/>, a successful <see cref="TryUpdate"/>, <see cref="SetSplitOverride"/> or
    /// <see cref="RemoveSplitOverride"/> installed a snapshot (the active one, overrides applied), on the updating thread.
    /// </summary>
    /// <remarks>An exception thrown by a handler propagates to the caller of the update, after the new snapshot is active.</remarks>
    public event EventHandler<FlagSnapshot>? SnapshotChanged;

    /// <summary>The snapshot evaluations currently run against: <see cref="BaseSnapshot"/> with <see cref="SplitOverrides"/> applied.</summary>
    public FlagSnapshot Snapshot => _snapshot;

    /// <summary>How many times a hook has thrown (the exceptions are swallowed; see <see cref="FlagEvaluatorOptions.OnHookError"/>).</summary>
    public long HookFailures => Interlocked.Read(ref _hookFailures);

    /// <summary>
    /// Installs a snapshot atomically; evaluations already running finish against the previous one. The
    /// <see cref="SplitOverrides"/> in force are applied to it.
    /// </summary>
    /// <param name="snapshot">The new snapshot.</param>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is <see langword="null"/>.</exception>
    public void Update(FlagSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        FlagSnapshot active;
        lock (_overrideGate)
        {
            active = Install(snapshot, _overrides);
        }

        SnapshotChanged?.Invoke(this, active);
    }

    /// <summary>Compiles definitions and installs them when valid; when invalid, the current snapshot stays active.</summary>
    /// <param name="flagSet">The new definitions.</param>
    /// <param name="errors">Every error found, or an empty list.</param>
    /// <returns>Whether the definitions were valid and are now active.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flagSet"/> is <see langword="null"/>.</exception>
    public bool TryUpdate(FlagSet flagSet, out IReadOnlyList<DefinitionError> errors)
    {
        if (!FlagSnapshot.TryCompile(flagSet, out var snapshot, out errors))
        {
            return false;
        }

        Update(snapshot);
        return true;
    }

    /// <summary>Evaluates a flag.</summary>
    /// <param name="flagKey">The flag key.</param>
    /// <param name="context">Who the flag is evaluated for.</param>
    /// <param name="defaultValue">
    /// Returned on error. When it has a kind (not <c>default</c>), the flag must be of that kind, else the result is a
    /// <see cref="EvaluationErrorCode.TypeMismatch"/>.
    /// </param>
    /// <returns>The result; never throws for a missing flag.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flagKey"/> or <paramref name="context"/> is <see langword="null"/>.</exception>
    public FlagEvaluation Evaluate(string flagKey, EvaluationContext context, FlagValue defaultValue = default) =>
        EvaluateCore(flagKey, context, defaultValue.Kind, defaultValue);

    private FlagEvaluation EvaluateCore(string flagKey, EvaluationContext context, FlagValueKind expectedKind, FlagValue defaultValue)
    {
        ArgumentNullException.ThrowIfNull(flagKey);
        ArgumentNullException.ThrowIfNull(context);
        var snapshot = _snapshot; // read once: the whole evaluation, prerequisites included, sees this snapshot
        return _hooks.Length == 0
            ? snapshot.Evaluate(flagKey, context, expectedKind, defaultValue)
            : EvaluateWithHooks(snapshot, flagKey, context, expectedKind, defaultValue);
    }

    private FlagEvaluation EvaluateWithHooks(FlagSnapshot snapshot, string flagKey, EvaluationContext context, FlagValueKind expectedKind, FlagValue defaultValue)
    {
        var hookContext = new EvaluationHookContext(flagKey, context, expectedKind, defaultValue, snapshot);
        foreach (var hook in _hooks)
        {
            try
            {
                hook.Before(in hookContext);
            }
            catch (Exception exception)
            {
                OnHookFailure(hook, exception);
            }
        }

        var evaluation = snapshot.Evaluate(flagKey, context, expectedKind, defaultValue);
        foreach (var hook in _hooks)
        {
            try
            {
                if (evaluation.IsError)
                {
                    hook.Error(in hookContext, in evaluation);
                }
                else
                {
                    hook.After(in hookContext, in evaluation);
                }
            }
            catch (Exception exception)
            {
                OnHookFailure(hook, exception);
            }
        }

        return evaluation;
    }

    private void OnHookFailure(EvaluationHook hook, Exception exception)
    {
        Interlocked.Increment(ref _hookFailures);
        if (_onHookError is null)
        {
            return;
        }

        try
        {
            _onHookError(hook, exception);
        }
        catch (Exception)
        {
            // A failing error callback must not break evaluation either; the failure is already counted.
        }
    }
}
