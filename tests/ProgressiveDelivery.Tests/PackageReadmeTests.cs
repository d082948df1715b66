using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using ProgressiveDelivery.Analysis.Judging;
using ProgressiveDelivery.Analysis.Observations;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;
using ProgressiveDelivery.Tests.Flags;

namespace ProgressiveDelivery.Tests;

/// <summary>
/// The examples of src/ProgressiveDelivery/README.md run here, verbatim (bar their using lines), and the README is
/// checked to still contain exactly this code, so the package page never shows code that does not compile or work.
/// </summary>
public class PackageReadmeTests
{
    [Fact]
    public void Readme_EveryCodeBlock_IsRunByThisFile()
    {
        var readme = RepositoryFiles.ReadAllText("src", "ProgressiveDelivery", "README.md");
        var self = Normalize(RepositoryFiles.ReadAllText("tests", "ProgressiveDelivery.Tests", "PackageReadmeTests.cs"));
        var blocks = Regex.Matches(readme, "```csharp\\n(.*?)```", RegexOptions.Singleline);

        Assert.Equal(2, blocks.Count);
        foreach (Match block in blocks)
        {
            var code = Regex.Replace(block.Groups[1].Value, "^using [^\\n]*\\n", string.Empty, RegexOptions.Multiline);
            Assert.Contains(Normalize(code), self, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void FlagExample_Runs()
    {
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        try
        {
            // Definitions: from JSON (a file, an appsettings section) or from FlagSetBuilder in code.
            var snapshot = FlagSnapshot.FromJson("""
                {
                  "flags": {
                    "new-checkout": {
                      "variants": { "on": true, "off": false },
                      "rules": [
                        { "name": "staff", "conditions": [ { "attribute": "email", "operator": "endsWith", "value": "@contoso.com" } ], "variant": "on" }
                      ],
                      "defaultSplit": { "on": 5, "off": 95 }
                    }
                  }
                }
                """);
            var flags = new FlagEvaluator(snapshot);

            // One context per request or user; evaluate as many flags as you like with it.
            var context = new EvaluationContextBuilder("user-42").Set("email", "ada@contoso.com").Build();

            bool enabled = flags.IsEnabled("new-checkout", context);           // true: the staff rule matches
            FlagEvaluation detail = flags.Evaluate("new-checkout", context);
            Console.WriteLine($"{detail.Variant} because {detail.ReasonName}"); // "on because targeting_match"

            // A reload with errors keeps the current definitions and says what is wrong, with paths.
            if (!flags.TryUpdateFromJson("""{ "flags": { "new-checkout": { "defaultSplit": { "on": 50 } } } }""", out var errors))
            {
                foreach (var error in errors)
                {
                    Console.WriteLine(error); // $.flags['new-checkout'].defaultSplit: The weights sum to 50%, not 100%. [invalid_weights]
                }
            }

            Assert.True(enabled);
            Assert.True(flags.IsEnabled("new-checkout", context));
            Assert.Equal(DefinitionErrorCodes.InvalidWeights, Assert.Single(errors).Code);
        }
        finally
        {
            Console.SetOut(console);
        }

        Assert.Equal(
            "on because targeting_match\n$.flags['new-checkout'].defaultSplit: The weights sum to 50%, not 100%. [invalid_weights]\n",
            output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void JudgeExample_Runs()
    {
        var judge = new CanaryJudge(new JudgeOptions
        {
            Metrics =
            {
                new MetricOptions { Name = "errors", Kind = MetricKind.CountRate, Critical = true },
                new MetricOptions { Name = "latency", Kind = MetricKind.Mean, Transform = MetricTransform.Log },
            },
        });

        var units = new UnitSet();                     // shared: a unit counts once, in the arm where it was first seen
        var baseline = new ArmObservations(units);
        var canary = new ArmObservations(units);

        // On every request, with its unit (requests of one user are not independent; the judge tests units):
        // an exposure, an error if it failed, and its duration (recorded in log space for this metric).
        var unit = UnitKey.FromId("user-42");
        canary.RecordExposure(unit);
        canary.RecordValue("latency", Math.Log(0.042), unit);

        // On every tick (e.g. each minute): judge the cumulative summaries with the canary share in force.
        JudgeVerdict verdict = judge.Judge(new JudgeInput(baseline.GetSummary(), canary.GetSummary(), canaryShare: 0.05, now: TimeProvider.System.GetUtcNow()));
        Console.WriteLine($"{verdict.Decision}: {verdict.Message}"); // "Continue: ..." until the evidence decides

        Assert.Equal(JudgeDecision.Continue, verdict.Decision);
        Assert.Equal(2, verdict.Metrics.Count);
    }

    private static string Normalize(string text)
    {
        var lines = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length > 0)
            {
                lines.Add(Regex.Replace(trimmed, "\\s+", " "));
            }
        }

        return string.Join("\n", lines);
    }
}
