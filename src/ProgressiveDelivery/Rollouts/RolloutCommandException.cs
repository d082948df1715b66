using System;

namespace ProgressiveDelivery.Rollouts;

/// <summary>Thrown when a manual command is not allowed in the rollout's current state; nothing was changed.</summary>
public sealed class RolloutCommandException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="rolloutId">The rollout.</param>
    /// <param name="command">The command refused.</param>
    /// <param name="state">The state that refused it.</param>
    /// <param name="message">Why.</param>
    public RolloutCommandException(string rolloutId, RolloutCommand command, RolloutState state, string message)
        : base(message)
    {
        RolloutId = rolloutId;
        Command = command;
        State = state;
    }

    /// <summary>The rollout.</summary>
    public string RolloutId { get; }

    /// <summary>The command refused.</summary>
    public RolloutCommand Command { get; }

    /// <summary>The state in which it was refused (unchanged).</summary>
    public RolloutState State { get; }
}
