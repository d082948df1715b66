using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Evaluation;

/// <summary>What an <see cref="EvaluationHook"/> is told about an evaluation. Passed by <see langword="in"/>; never allocates.</summary>
public readonly struct EvaluationHookContext
{
    internal EvaluationHookContext(string flagKey, EvaluationContext context, FlagValueKind expectedKind, FlagValue defaultValue, FlagSnapshot snapshot)
    {
        FlagKey = flagKey;
        ExpectedKind = expectedKind;
        Context = context;
        DefaultValue = defaultValue;
        Snapshot = snapshot;
    }

    /// <summary>The requested flag key.</summary>
    public string FlagKey { get; }

    /// <summary>The evaluation context (targeting key and attributes).</summary>
    public EvaluationContext Context { get; }

    /// <summary>The value type the caller asked for, or <see cref="FlagValueKind.None"/> for an untyped evaluation.</summary>
    public FlagValueKind ExpectedKind { get; }

    /// <summary>The caller's default value, returned on error (<c>default</c> when the caller gave none).</summary>
    public FlagValue DefaultValue { get; }

    /// <summary>The snapshot the evaluation runs against (read once, so the same for every stage).</summary>
    public FlagSnapshot Snapshot { get; }
}
