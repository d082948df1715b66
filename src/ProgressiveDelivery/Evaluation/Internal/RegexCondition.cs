using System;
using System.Text.RegularExpressions;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary><c>matches</c>: any of the regexes matches somewhere in the text (anchor with <c>^</c>/<c>$</c> for a full match). Compiled with <see cref="RegexOptions.NonBacktracking"/>: linear time.</summary>
internal sealed class RegexCondition(string attribute, Regex[] regexes) : TextCondition(attribute, negate: false)
{
    public const RegexOptions BaseOptions = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    protected override bool MatchesText(ReadOnlySpan<char> text)
    {
        foreach (var regex in regexes)
        {
            if (regex.IsMatch(text))
            {
                return true;
            }
        }

        return false;
    }
}
