using System;
using System.Runtime.CompilerServices;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// The string operators. A string attribute is used as is; a string list holds when any element holds; numbers,
/// booleans and dates are formatted invariantly into a stack buffer (<c>R</c>, <c>true</c>/<c>false</c>, round-trip
/// <c>O</c> in UTC). The negative operators hold when the attribute is present and no value holds.
/// </summary>
internal abstract class TextCondition(string attribute, bool negate) : CompiledCondition(attribute)
{
    protected bool Negate { get; } = negate;

    /// <summary>Whether this is a negative operator (<c>notEquals</c>, <c>notIn</c>).</summary>
    public bool IsNegated => Negate;

    public override bool Matches(EvaluationContext context)
    {
        if (IsTargetingKey)
        {
            var key = context.TargetingKey;
            return key is not null && MatchesString(key) != Negate;
        }

        ref readonly var value = ref Find(context);
        if (Unsafe.IsNullRef(in value))
        {
            return false;
        }

        // The common case first: one string, no virtual hop through a list or a format buffer.
        return value.Kind == AttributeKind.String
            ? MatchesString(value.String) != Negate
            : MatchesOther(in value);
    }

    protected virtual bool MatchesString(string text) => MatchesText(text);

    protected abstract bool MatchesText(ReadOnlySpan<char> text);

    [MethodImpl(MethodImplOptions.NoInlining)]
    protected bool MatchesOther(in AttributeValue value)
    {
        bool any;
        if (value.Kind == AttributeKind.StringList)
        {
            any = false;
            foreach (var item in value.List)
            {
                if (MatchesString(item))
                {
                    any = true;
                    break;
                }
            }
        }
        else
        {
            Span<char> buffer = stackalloc char[AttributeText.BufferLength];
            if (!AttributeText.TryFormat(value, buffer, out var written))
            {
                return false;
            }

            any = MatchesText(buffer[..written]);
        }

        return any != Negate;
    }
}
