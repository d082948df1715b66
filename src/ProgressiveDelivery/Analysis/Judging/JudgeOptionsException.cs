using System;
using System.Collections.Generic;

namespace ProgressiveDelivery.Analysis.Judging;

/// <summary>Thrown when a <see cref="CanaryJudge"/> is created from invalid <see cref="JudgeOptions"/>; lists every problem.</summary>
public sealed class JudgeOptionsException : ArgumentException
{
    /// <summary>Creates the exception from the problems found.</summary>
    /// <param name="errors">The problems, as returned by <see cref="JudgeOptions.Validate"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="errors"/> is <see langword="null"/>.</exception>
    public JudgeOptionsException(IReadOnlyList<JudgeOptionsError> errors)
        : base(Describe(errors ?? throw new ArgumentNullException(nameof(errors))))
    {
        Errors = errors;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<JudgeOptionsError> Errors { get; }

    private static string Describe(IReadOnlyList<JudgeOptionsError> errors)
    {
        var lines = new string[errors.Count];
        for (var i = 0; i < errors.Count; i++)
        {
            lines[i] = errors[i].ToString();
        }

        return $"The judge options are invalid ({errors.Count} problem(s)): " + string.Join("; ", lines);
    }
}
