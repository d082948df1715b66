using System;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// The string operators. A string attribute is used as is; a string list holds when any element holds; numbers,
/// booleans and dates are formatted invariantly into a stack buffer (<c>R</c>, <c>true</c>/<c>false</c>, round-trip
/// <c>O</c> in UTC). The negative operators hold when the attribute is present and no value holds.
/// </summary>
internal abstract class TextCondition(string attribute, bool negate) : CompiledCondition(attribute)
{
    public sealed override bool Matches(EvaluationContext context)
    {
        if (!TryResolve(context, out var value))
        {
            return false;
        }

        bool any;
        switch (value.Kind)
        {
            case AttributeKind.String:
                any = MatchesString(value.String);
                break;
            case AttributeKind.StringList:
                any = false;
                foreach (var item in value.List)
                {
                    if (MatchesString(item))
                    {
                        any = true;
                        break;
                    }
                }

                break;
            default:
                Span<char> buffer = stackalloc char[AttributeText.BufferLength];
                if (!AttributeText.TryFormat(value, buffer, out var written))
                {
                    return false;
                }

                any = MatchesText(buffer[..written]);
                break;
        }

        return any != negate;
    }

    protected virtual bool MatchesString(string text) => MatchesText(text);

    protected abstract bool MatchesText(ReadOnlySpan<char> text);
}
