using System;

namespace ProgressiveDelivery.Rollouts.Fleet;

/// <summary>
/// A replica wrote as a rollout's decider, but its lease had passed to another replica or expired, so the write was
/// rejected (fenced off) and nothing changed. The replica continues as a follower.
/// </summary>
public sealed class RolloutLeaseLostException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RolloutLeaseLostException()
        : base("This replica no longer holds the rollout's lease; its write was rejected.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public RolloutLeaseLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public RolloutLeaseLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
