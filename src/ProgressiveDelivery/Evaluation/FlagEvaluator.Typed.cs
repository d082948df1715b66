using System;
using System.Text.Json;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Evaluation;

/// <summary>Typed helpers: each checks the flag's value type and returns the caller's default on any error.</summary>
public sealed partial class FlagEvaluator
{
    /// <summary>Evaluates a boolean flag.</summary>
    /// <param name="flagKey">The flag key.</param>
    /// <param name="context">Who the flag is evaluated for.</param>
    /// <param name="defaultValue">Returned on error (missing flag, not a boolean flag, no bucketing key).</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flagKey"/> or <paramref name="context"/> is <see langword="null"/>.</exception>
    public FlagEvaluation EvaluateBoolean(string flagKey, EvaluationContext context, bool defaultValue) =>
        Evaluate(flagKey, context, FlagValue.FromBoolean(defaultValue));

    /// <summary>Evaluates a string flag.</summary>
    /// <param name="flagKey">The flag key.</param>
    /// <param name="context">Who the flag is evaluated for.</param>
    /// <param name="defaultValue">Returned on error.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flagKey"/>, <paramref name="context"/> or <paramref name="defaultValue"/> is <see langword="null"/>.</exception>
    public FlagEvaluation EvaluateString(string flagKey, EvaluationContext context, string defaultValue) =>
        Evaluate(flagKey, context, FlagValue.FromString(defaultValue));

    /// <summary>Evaluates a number flag.</summary>
    /// <param name="flagKey">The flag key.</param>
    /// <param name="context">Who the flag is evaluated for.</param>
    /// <param name="defaultValue">Returned on error; must be finite.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flagKey"/> or <paramref name="context"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="defaultValue"/> is NaN or infinite.</exception>
    public FlagEvaluation EvaluateNumber(string flagKey, EvaluationContext context, double defaultValue) =>
        Evaluate(flagKey, context, FlagValue.FromNumber(defaultValue));

    /// <summary>Evaluates a JSON flag. On error the result's value is <c>default</c> (<see cref="FlagValueKind.None"/>).</summary>
    /// <param name="flagKey">The flag key.</param>
    /// <param name="context">Who the flag is evaluated for.</param>
    /// <returns>The result; a flag of another type is a <see cref="EvaluationErrorCode.TypeMismatch"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flagKey"/> or <paramref name="context"/> is <see langword="null"/>.</exception>
    public FlagEvaluation EvaluateJson(string flagKey, EvaluationContext context) =>
        EvaluateCore(flagKey, context, FlagValueKind.Json, default);

    /// <summary>Whether a boolean flag is on for the context.</summary>
    /// <param name="flagKey">The flag key.</param>
    /// <param name="context">Who the flag is evaluated for.</param>
    /// <param name="defaultValue">Returned on error (missing flag, not a boolean flag, no bucketing key).</param>
    /// <returns>The flag's value or <paramref name="defaultValue"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flagKey"/> or <paramref name="context"/> is <see langword="null"/>.</exception>
    public bool IsEnabled(string flagKey, EvaluationContext context, bool defaultValue = false)
    {
        if (_hooks.Length != 0)
        {
            // Hooks see the whole FlagEvaluation, so build it.
            return EvaluateBoolean(flagKey, context, defaultValue).Value.AsBoolean();
        }

        ArgumentNullException.ThrowIfNull(flagKey);
        ArgumentNullException.ThrowIfNull(context);
        return _snapshot.IsEnabled(flagKey, context, defaultValue); // read once, as every evaluation does
    }

    /// <summary>The value of a string flag.</summary>
    /// <param name="flagKey">The flag key.</param>
    /// <param name="context">Who the flag is evaluated for.</param>
    /// <param name="defaultValue">Returned on error.</param>
    /// <returns>The flag's value or <paramref name="defaultValue"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flagKey"/>, <paramref name="context"/> or <paramref name="defaultValue"/> is <see langword="null"/>.</exception>
    public string GetString(string flagKey, EvaluationContext context, string defaultValue) =>
        EvaluateString(flagKey, context, defaultValue).Value.AsString();

    /// <summary>The value of a number flag.</summary>
    /// <param name="flagKey">The flag key.</param>
    /// <param name="context">Who the flag is evaluated for.</param>
    /// <param name="defaultValue">Returned on error; must be finite.</param>
    /// <returns>The flag's value or <paramref name="defaultValue"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flagKey"/> or <paramref name="context"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="defaultValue"/> is NaN or infinite.</exception>
    public double GetNumber(string flagKey, EvaluationContext context, double defaultValue) =>
        EvaluateNumber(flagKey, context, defaultValue).Value.AsNumber();

    /// <summary>The value of a JSON flag (an object or array).</summary>
    /// <param name="flagKey">The flag key.</param>
    /// <param name="context">Who the flag is evaluated for.</param>
    /// <param name="defaultValue">Returned on error.</param>
    /// <returns>The flag's value or <paramref name="defaultValue"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flagKey"/> or <paramref name="context"/> is <see langword="null"/>.</exception>
    public JsonElement GetJson(string flagKey, EvaluationContext context, JsonElement defaultValue)
    {
        var evaluation = EvaluateJson(flagKey, context);
        return evaluation.IsError ? defaultValue : evaluation.Value.AsJson();
    }

    /// <summary>The name of the variant served for the context, of a flag of any type.</summary>
    /// <param name="flagKey">The flag key.</param>
    /// <param name="context">Who the flag is evaluated for.</param>
    /// <returns>The variant name, or <see langword="null"/> on error (missing flag, no bucketing key).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flagKey"/> or <paramref name="context"/> is <see langword="null"/>.</exception>
    public string? GetVariant(string flagKey, EvaluationContext context) => Evaluate(flagKey, context).Variant;
}
