using System;
using System.Linq;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Evaluation.Internal;

namespace ProgressiveDelivery.Tests.Evaluation;

/// <summary>
/// The inline <c>in</c>/<c>equals</c> test of a rule step decides most texts by the attribute's text key (kind, length,
/// first 3 chars) alone: it must agree with ordinal membership for texts that share keys, prefixes or lengths.
/// </summary>
public class ConditionStepTests
{
    // A name registered in the process-wide table before any of these steps is built (when the table still has room).
    private const string Attribute = "country";

    private static readonly string[][] Sets =
    [
        ["NL"],
        ["NL", "BE"],
        ["", "a"],
        ["abc", "abd", "abcd"],
        ["abc", "abcd", "abce", "ab"],
        ["enterprise", "enterprisf"],
        ["\u00E9", "\u00E9x", "\uD83D\uDE00"],
        ["ab\0", "ab"],
        [new string('x', 300), new string('x', 254), new string('x', 255)],
    ];

    private static readonly string[] Texts =
    [
        "", "a", "A", "ab", "ab\0", "abc", "ABC", "abd", "abcd", "abce", "abcde", "abcdefghi", "NL", "nl", "Nl", "BE",
        "NLX", "N", "enterprise", "Enterprise", "enterprisf", "enterpris", "\u00E9", "\u00C9", "\u00E9x", "\uD83D\uDE00",
        "\uD83D", "x", new string('x', 254), new string('x', 255), new string('x', 256), new string('x', 300),
        new string('x', 299) + "y", "0123456789",
    ];

    [Fact]
    public void Holds_InAndNotIn_AgreeWithOrdinalMembershipForEveryText()
    {
        AttributeNameTable.GetOrAdd(Attribute);
        foreach (var values in Sets)
        {
            foreach (var negate in new[] { false, true })
            {
                var step = ConditionStep.From(new StringSetCondition(Attribute, negate, values, caseSensitive: true));
                if (AttributeNameTable.Find(Attribute) >= 0)
                {
                    Assert.Equal(ConditionStepKind.StringSet, step.Kind); // the inline test, not the condition's
                }

                foreach (var text in Texts)
                {
                    var context = new EvaluationContextBuilder("u").Set(Attribute, text).Set("other", 1).Build();
                    var expected = values.Contains(text, StringComparer.Ordinal) != negate;
                    Assert.True(expected == step.Holds(context), $"'{text}' {(negate ? "not in" : "in")} [{string.Join(", ", values)}]");
                }

                // Absent attribute: neither in nor not in holds (as the condition itself answers).
                Assert.False(step.Holds(new EvaluationContextBuilder("u").Set("other", 1).Build()));
            }
        }
    }

    [Fact]
    public void Holds_AttributeOfAnotherKind_AnswersAsTheCondition()
    {
        // A number never equals a string's key: the step hands it to the condition, whatever the number's bits.
        AttributeNameTable.GetOrAdd(Attribute);
        var condition = new StringSetCondition(Attribute, negate: false, ["5", "NL"], caseSensitive: true);
        var step = ConditionStep.From(condition);
        foreach (var number in new[] { 5.0, 0.0, -1.0, 1e300 })
        {
            var context = new EvaluationContextBuilder("u").Set(Attribute, number).Build();
            Assert.Equal(condition.Matches(context), step.Holds(context));
        }

        Assert.True(step.Holds(new EvaluationContextBuilder("u").Set(Attribute, 5).Build()));
    }

    [Fact]
    public void TextKeyOf_TextsOfAtMostThreeChars_EqualExactlyWhenTextsAre()
    {
        var texts = Texts.Where(text => text.Length <= AttributeValue.KeyChars).ToArray();
        foreach (var left in texts)
        {
            foreach (var right in texts)
            {
                Assert.Equal(string.Equals(left, right, StringComparison.Ordinal), AttributeValue.TextKeyOf(left) == AttributeValue.TextKeyOf(right));
            }

            Assert.True(AttributeValue.IsWholeText(AttributeValue.TextKeyOf(left)));
        }

        Assert.False(AttributeValue.IsWholeText(AttributeValue.TextKeyOf("abcd")));
        Assert.Equal(AttributeKind.String, AttributeValue.FromString("abcd").Kind);
        Assert.Equal(AttributeKind.Number, AttributeValue.FromNumber(3).Kind);
    }

    [Fact]
    public void OpenInterval_EveryComparison_HoldsExactlyForTheFiniteNumbersTheOperatorAccepts()
    {
        double[] numbers =
        [
            0.0, -0.0, double.Epsilon, -double.Epsilon, 1.0, -1.0, 18.0, 17.999999999999996, 18.000000000000004,
            double.MaxValue, -double.MaxValue, 1e-308, 2.2250738585072014E-308, 0.1, 0.30000000000000004, 1e15, 1e15 + 0.125,
        ];
        foreach (ComparisonKind kind in Enum.GetValues<ComparisonKind>())
        {
            foreach (var operand in numbers)
            {
                var (lower, upper) = ConditionStep.OpenInterval(kind, operand);
                foreach (var x in numbers)
                {
                    var expected = kind switch
                    {
                        ComparisonKind.Equal => x == operand,
                        ComparisonKind.Less => x < operand,
                        ComparisonKind.LessOrEqual => x <= operand,
                        ComparisonKind.Greater => x > operand,
                        _ => x >= operand,
                    };
                    Assert.True(expected == (lower < x && x < upper), $"{x:R} {kind} {operand:R}");
                }
            }
        }
    }

    [Theory]
    [InlineData(ComparisonKind.Equal)]
    [InlineData(ComparisonKind.Less)]
    [InlineData(ComparisonKind.LessOrEqual)]
    [InlineData(ComparisonKind.Greater)]
    [InlineData(ComparisonKind.GreaterOrEqual)]
    internal void Holds_VersionStep_AgreesWithSemanticVersionOrder(ComparisonKind op)
    {
        // The step rules versions out by their major alone; the order of full versions decides the rest. Expected
        // answers come from the version order written out here (major, minor, patch; a pre-release sorts first).
        const string operand = "4.2.0";
        (string Text, int VersusOperand)[] versions =
        [
            ("3.9.9", -1), ("4.0.0", -1), ("4.2.0-beta", -1), ("4.2.0", 0), ("4.2.1", 1), ("4.10.0", 1), ("5.0.0", 1),
            ("0.0.1", -1), ("v4.2.0", 0), ("40.0.0", 1), ("18446744073709551614.0.0", 1),
        ];
        AttributeNameTable.GetOrAdd(Attribute);
        Assert.True(SemanticVersion.TryParse(operand, out var version));
        var step = ConditionStep.From(new SemVerCondition(Attribute, op, [version]));
        foreach (var (text, versusOperand) in versions)
        {
            var expected = op switch
            {
                ComparisonKind.Equal => versusOperand == 0,
                ComparisonKind.Less => versusOperand < 0,
                ComparisonKind.LessOrEqual => versusOperand <= 0,
                ComparisonKind.Greater => versusOperand > 0,
                _ => versusOperand >= 0,
            };
            var context = new EvaluationContextBuilder("u").Set(Attribute, text).Build();
            Assert.True(expected == step.Holds(context), $"{text} {op} {operand}");
        }

        // Not a version at all: neither the step nor the condition holds.
        Assert.False(step.Holds(new EvaluationContextBuilder("u").Set(Attribute, "four").Build()));
    }
}
