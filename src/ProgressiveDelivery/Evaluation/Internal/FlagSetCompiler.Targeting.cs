using System;
using System.Collections.Generic;
using ProgressiveDelivery.Bucketing;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>The second pass: salt, bucketing attribute, prerequisites, rules, and the default serve.</summary>
internal sealed partial class FlagSetCompiler
{
    private void CompileTargeting(FlagDefinition definition, CompiledFlag flag, string path)
    {
        var key = flag.Key;
        flag.Salt = definition.Salt ?? key;
        if (definition.BucketBy is not null)
        {
            if (definition.BucketBy.Length == 0)
            {
                _errors.Add(DefinitionPath.Member(path, "bucketBy"), key, DefinitionErrorCodes.InvalidValue, "bucketBy must name an attribute (or be omitted to bucket the targeting key).");
            }
            else if (!string.Equals(definition.BucketBy, ConditionDefinition.TargetingKeyAttribute, StringComparison.Ordinal))
            {
                flag.BucketBy = definition.BucketBy;
            }
        }

        flag.Prerequisites = CompilePrerequisites(definition.Prerequisites, path, key);

        var rules = new CompiledRule[definition.Rules.Count];
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = definition.Rules[i];
            var rulePath = DefinitionPath.Item(path, "rules", i);
            if (rule is null)
            {
                _errors.Add(rulePath, key, DefinitionErrorCodes.Missing, "The rule is missing (null).");
                continue;
            }

            var conditions = _conditions.CompileAll(rule.Conditions, rulePath, key, allowSegments: true);
            CompiledServe? serve = null;
            if (rule.Variant is not null && rule.Split.Count > 0)
            {
                _errors.Add(rulePath, key, DefinitionErrorCodes.InvalidServe, "A rule serves either a variant or a split, not both.");
            }
            else if (rule.Variant is not null)
            {
                serve = CompileVariant(flag, rule.Variant, DefinitionPath.Member(rulePath, "variant"));
            }
            else if (rule.Split.Count > 0)
            {
                serve = CompileSplit(flag, rule.Split, DefinitionPath.Member(rulePath, "split"));
            }
            else
            {
                _errors.Add(rulePath, key, DefinitionErrorCodes.InvalidServe, "A rule must serve a variant or a split.");
            }

            if (conditions is not null && serve is not null)
            {
                rules[i] = new CompiledRule(conditions, serve);
            }
        }

        flag.Rules = rules;

        CompiledServe? fallback;
        if (definition.DefaultVariant is not null && definition.DefaultSplit.Count > 0)
        {
            _errors.Add(DefinitionPath.Member(path, "defaultSplit"), key, DefinitionErrorCodes.InvalidServe, "defaultVariant and defaultSplit are exclusive; set one.");
            fallback = null;
        }
        else if (definition.DefaultVariant is not null)
        {
            fallback = CompileVariant(flag, definition.DefaultVariant, DefinitionPath.Member(path, "defaultVariant"));
        }
        else if (definition.DefaultSplit.Count > 0)
        {
            fallback = CompileSplit(flag, definition.DefaultSplit, DefinitionPath.Member(path, "defaultSplit"));
        }
        else
        {
            // Neither default: the off variant is served.
            fallback = CompiledServe.Fixed(flag.OffVariant);
        }

        if (fallback is not null)
        {
            flag.Default = fallback;
        }
    }

    private CompiledPrerequisite[] CompilePrerequisites(IList<PrerequisiteDefinition> prerequisites, string path, string key)
    {
        var compiled = new List<CompiledPrerequisite>(prerequisites.Count);
        for (var i = 0; i < prerequisites.Count; i++)
        {
            var prerequisite = prerequisites[i];
            var prerequisitePath = DefinitionPath.Item(path, "prerequisites", i);
            if (prerequisite is null)
            {
                _errors.Add(prerequisitePath, key, DefinitionErrorCodes.Missing, "The prerequisite is missing (null).");
                continue;
            }

            if (!_flags.TryGetValue(prerequisite.Flag ?? string.Empty, out var target))
            {
                _errors.Add(DefinitionPath.Member(prerequisitePath, "flag"), key, DefinitionErrorCodes.UnknownFlag, $"The prerequisite flag '{prerequisite.Flag}' is not defined.");
                continue;
            }

            var allowed = new int[prerequisite.Variants.Count];
            for (var j = 0; j < allowed.Length; j++)
            {
                allowed[j] = target.FindVariant(prerequisite.Variants[j]);
                if (allowed[j] < 0)
                {
                    _errors.Add(DefinitionPath.Item(prerequisitePath, "variants", j), key, DefinitionErrorCodes.UnknownVariant, UnknownVariantMessage(prerequisite.Variants[j], target.Key));
                }
            }

            compiled.Add(new CompiledPrerequisite(target, allowed, i));
        }

        return compiled.ToArray();
    }

    private CompiledServe? CompileVariant(CompiledFlag flag, string variant, string path)
    {
        var index = flag.FindVariant(variant);
        if (index < 0)
        {
            _errors.Add(path, flag.Key, DefinitionErrorCodes.UnknownVariant, UnknownVariantMessage(variant, flag.Key));
            return null;
        }

        return CompiledServe.Fixed(index);
    }

    /// <summary>Compiles a split into cumulative bucket boundaries (basis points); arms may have weight 0.</summary>
    private CompiledServe? CompileSplit(CompiledFlag flag, IList<WeightedVariant> arms, string path)
    {
        var boundaries = new int[arms.Count];
        var variants = new int[arms.Count];
        var total = 0L;
        var valid = true;
        for (var i = 0; i < arms.Count; i++)
        {
            var arm = arms[i];

            // In JSON a split is an object keyed by variant name: the arm's path is split['name'].
            var armPath = arm is null ? DefinitionPath.Item(path, i) : DefinitionPath.Entry(path, arm.Variant);
            if (arm is null)
            {
                _errors.Add(armPath, flag.Key, DefinitionErrorCodes.Missing, "The split arm is missing (null).");
                valid = false;
                continue;
            }

            variants[i] = flag.FindVariant(arm.Variant);
            if (variants[i] < 0)
            {
                _errors.Add(armPath, flag.Key, DefinitionErrorCodes.UnknownVariant, UnknownVariantMessage(arm.Variant, flag.Key));
                valid = false;
            }

            var percent = arm.Percent;
            var basisPoints = percent * 100;
            var rounded = Math.Round(basisPoints);
            if (!double.IsFinite(percent) || percent < 0)
            {
                _errors.Add(armPath, flag.Key, DefinitionErrorCodes.InvalidWeights, $"The weight {percent} is negative or not a number; weights are percentages from 0 to 100.");
                valid = false;
                continue;
            }

            if (Math.Abs(basisPoints - rounded) > 1e-6)
            {
                _errors.Add(armPath, flag.Key, DefinitionErrorCodes.InvalidWeights, $"The weight {percent} is finer than 0.01%, the bucketing resolution.");
                valid = false;
                continue;
            }

            total += (long)rounded;
            boundaries[i] = (int)Math.Min(total, int.MaxValue);
        }

        if (valid && total != Bucketer.BucketCount)
        {
            _errors.Add(path, flag.Key, DefinitionErrorCodes.InvalidWeights, $"The weights sum to {total / 100.0}%, not 100%.");
            valid = false;
        }

        return valid ? CompiledServe.Split(boundaries, variants) : null;
    }
}
