namespace ProgressiveDelivery.Flags;

/// <summary>What a flag is for. It changes no evaluation; it drives lifecycle tooling and reports.</summary>
public enum FlagKind
{
    /// <summary>A short-lived flag that gates a change while it rolls out. The default.</summary>
    Release = 0,

    /// <summary>A flag that splits traffic between variants to measure an effect.</summary>
    Experiment = 1,

    /// <summary>A long-lived operational switch (kill switch, circuit breaker, degraded mode).</summary>
    Ops = 2,

    /// <summary>A long-lived flag that grants a capability to some units (plans, entitlements, internal tools).</summary>
    Permission = 3,
}
