using System;
using System.Collections;
using System.Collections.Generic;
using ProgressiveDelivery.Evaluation;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>
/// The attributes of one <c>feature_flag.evaluation</c> event (OpenTelemetry feature-flag semantic conventions), as the
/// state of its log record (OpenTelemetry reads a state that is a list of key/value pairs as the record's attributes)
/// and as the tags of its activity event. Every value is a flag key, a variant, or a constant from a closed set;
/// <c>feature_flag.context.id</c> (the targeting key) is left out on purpose: it is the unit id.
/// </summary>
internal sealed class EvaluationEvent : IReadOnlyList<KeyValuePair<string, object?>>
{
    private const string OriginalFormat = "{OriginalFormat}";
    private const string Template = "Feature flag {feature_flag.key} evaluated: {feature_flag.result.variant} ({feature_flag.result.reason})";

    private readonly KeyValuePair<string, object?>[] _attributes;

    public EvaluationEvent(in FlagEvaluation evaluation)
    {
        var message = evaluation.IsError ? evaluation.ErrorMessage : null;
        var attributes = new KeyValuePair<string, object?>[4 + (evaluation.Variant is null ? 0 : 1) + (evaluation.IsError ? 1 : 0) + (message is null ? 0 : 1)];
        var count = 0;
        attributes[count++] = new(ProgressiveDeliveryTelemetry.FlagKeyTag, evaluation.FlagKey);
        attributes[count++] = new(ProgressiveDeliveryTelemetry.ProviderNameTag, ProgressiveDeliveryTelemetry.ProviderName);
        attributes[count++] = new(ProgressiveDeliveryTelemetry.ReasonTag, evaluation.ReasonName);
        if (evaluation.Variant is { } variant)
        {
            attributes[count++] = new(ProgressiveDeliveryTelemetry.VariantTag, variant);
        }

        if (evaluation.IsError)
        {
            attributes[count++] = new(ProgressiveDeliveryTelemetry.ErrorTypeTag, evaluation.ErrorCodeName);
            if (message is not null)
            {
                attributes[count++] = new(ProgressiveDeliveryTelemetry.ErrorMessageTag, message);
            }
        }

        attributes[count] = new(OriginalFormat, Template); // the last slot: the array is sized to what it holds
        FlagKey = evaluation.FlagKey;
        Variant = evaluation.Variant;
        Reason = evaluation.ReasonName;
        _attributes = attributes;
    }

    public string FlagKey { get; }

    public string? Variant { get; }

    public string Reason { get; }

    /// <summary>The attributes without the message template (for an activity event).</summary>
    public ReadOnlySpan<KeyValuePair<string, object?>> Attributes => _attributes.AsSpan(0, _attributes.Length - 1);

    public int Count => _attributes.Length;

    public KeyValuePair<string, object?> this[int index] => _attributes[index];

    public static string Format(EvaluationEvent state, Exception? exception) =>
        $"Feature flag {state.FlagKey} evaluated: {state.Variant ?? "(none)"} ({state.Reason})";

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_attributes).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
