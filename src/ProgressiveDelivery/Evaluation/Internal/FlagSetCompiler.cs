using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>
/// Validates a <see cref="FlagSet"/> and compiles it, collecting every error: segments first (they do not nest), then
/// flags in two passes (variants, so that prerequisites can resolve each other's variants; then prerequisites, rules
/// and defaults), then prerequisite cycles.
/// </summary>
internal sealed partial class FlagSetCompiler
{
    private readonly DefinitionErrorCollector _errors = new();
    private readonly Dictionary<string, CompiledSegment> _segments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CompiledFlag> _flags = new(StringComparer.Ordinal);
    private readonly HashSet<string> _segmentKeys = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flagKeys = new(StringComparer.Ordinal);
    private readonly List<(FlagDefinition Definition, CompiledFlag Flag, string Path, int Position)> _compiled = [];
    private readonly ConditionCompiler _conditions;

    private FlagSetCompiler()
    {
        _conditions = new ConditionCompiler(_errors, _segments);
    }

    /// <summary>Compiles <paramref name="flagSet"/>; the flags by key, or null with every error.</summary>
    public static FrozenDictionary<string, CompiledFlag>? Compile(FlagSet flagSet, out IReadOnlyList<DefinitionError> errors)
    {
        var compiler = new FlagSetCompiler();
        compiler.CompileSegments(flagSet.Segments);
        compiler.CompileVariants(flagSet.Flags, positionOffset: flagSet.Segments.Count);
        foreach (var (definition, flag, path, position) in compiler._compiled)
        {
            compiler._errors.Position = position;
            compiler.CompileTargeting(definition, flag, path);
        }

        // Cycles are looked for even when other errors were found: every error is reported at once.
        compiler._errors.Position = int.MaxValue;
        new PrerequisiteCycleDetector(compiler._errors).Check(compiler._flags.Values);
        errors = compiler._errors.GetErrors();
        return compiler._errors.Count == 0 ? compiler._flags.ToFrozenDictionary(StringComparer.Ordinal) : null;
    }

    private void CompileSegments(IList<SegmentDefinition> segments)
    {
        for (var i = 0; i < segments.Count; i++)
        {
            _errors.Position = i;
            var segment = segments[i];
            if (segment is null)
            {
                _errors.Add(DefinitionPath.SegmentAt(i), null, DefinitionErrorCodes.Missing, "The segment is missing (null).");
                continue;
            }

            var key = segment.Key ?? string.Empty;
            var path = DefinitionPath.Segment(key);
            var unique = CheckKey(key, path, "segment", !_segmentKeys.Add(key));
            var included = ReadKeys(segment.Included, path, "included", key);
            var excluded = ReadKeys(segment.Excluded, path, "excluded", key);
            var conditions = _conditions.CompileAll(segment.Conditions, path, key, allowSegments: false);
            if (unique && conditions is not null)
            {
                _segments[key] = new CompiledSegment(key, included, excluded, conditions);
            }
        }
    }

    private void CompileVariants(IList<FlagDefinition> flags, int positionOffset)
    {
        for (var i = 0; i < flags.Count; i++)
        {
            _errors.Position = positionOffset + i;
            var definition = flags[i];
            if (definition is null)
            {
                _errors.Add(DefinitionPath.FlagAt(i), null, DefinitionErrorCodes.Missing, "The flag is missing (null).");
                continue;
            }

            var key = definition.Key ?? string.Empty;
            var path = DefinitionPath.Flag(key);
            var unique = CheckKey(key, path, "flag", !_flagKeys.Add(key));
            var flag = CreateFlag(definition, key, path);
            if (flag is null)
            {
                continue;
            }

            if (unique)
            {
                _flags[key] = flag;
            }

            _compiled.Add((definition, flag, path, _errors.Position));
        }
    }

    private CompiledFlag? CreateFlag(FlagDefinition definition, string key, string path)
    {
        var names = new List<string>();
        var values = new List<FlagValue>();
        var kind = FlagValueKind.None;
        if (definition.Variants.Count == 0)
        {
            // A flag without variants is a boolean flag: on = true, off = false.
            names.AddRange(["on", "off"]);
            values.AddRange([FlagValue.True, FlagValue.False]);
            kind = FlagValueKind.Boolean;
        }

        for (var i = 0; i < definition.Variants.Count; i++)
        {
            var variant = definition.Variants[i];
            if (variant is null)
            {
                _errors.Add(DefinitionPath.Item(path, "variants", i), key, DefinitionErrorCodes.Missing, "The variant is missing (null).");
                continue;
            }

            var name = variant.Name ?? string.Empty;
            var variantPath = DefinitionPath.Keyed(path, "variants", name);
            var unique = CheckKey(name, variantPath, "variant", names.Contains(name), key);
            if (variant.Value.Kind == FlagValueKind.None)
            {
                _errors.Add(variantPath, key, DefinitionErrorCodes.Missing, $"The variant '{name}' has no value.");
                continue;
            }

            if (kind == FlagValueKind.None)
            {
                kind = variant.Value.Kind;
            }
            else if (variant.Value.Kind != kind)
            {
                _errors.Add(variantPath, key, DefinitionErrorCodes.MixedVariantTypes, $"The variant '{name}' is {variant.Value.Kind} but the flag's variants are {kind}; all variants of a flag have one type.");
            }

            if (unique)
            {
                names.Add(name);
                values.Add(variant.Value);
            }
        }

        if (names.Count == 0)
        {
            return null;
        }

        int off;
        if (definition.OffVariant is not null)
        {
            off = names.IndexOf(definition.OffVariant);
            if (off < 0)
            {
                _errors.Add(DefinitionPath.Member(path, "offVariant"), key, DefinitionErrorCodes.UnknownVariant, UnknownVariantMessage(definition.OffVariant, key));
                off = 0;
            }
        }
        else
        {
            off = Math.Max(0, names.IndexOf("off"));
        }

        return new CompiledFlag(key, definition.Enabled, kind, names.ToArray(), values.ToArray(), off);
    }

    /// <summary>Reports an invalid or duplicate key; true when the key may be registered (it was not seen before).</summary>
    private bool CheckKey(string key, string path, string what, bool duplicate, string? ownerKey = null)
    {
        ownerKey ??= key;
        if (!KeyFormat.IsValid(key))
        {
            _errors.Add(path, ownerKey, DefinitionErrorCodes.InvalidKey, $"The {what} key '{key}' is not valid: {KeyFormat.Description}.");
        }

        if (duplicate)
        {
            _errors.Add(path, ownerKey, DefinitionErrorCodes.DuplicateKey, $"The {what} key '{key}' is defined more than once.");
        }

        return !duplicate;
    }

    private FrozenSet<string> ReadKeys(IList<string> keys, string path, string member, string ownerKey)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i] is null)
            {
                _errors.Add(DefinitionPath.Item(path, member, i), ownerKey, DefinitionErrorCodes.Missing, "The targeting key is missing (null).");
                continue;
            }

            set.Add(keys[i]);
        }

        return set.ToFrozenSet(StringComparer.Ordinal);
    }

    private static string UnknownVariantMessage(string variant, string flagKey) =>
        $"The variant '{variant}' is not defined by flag '{flagKey}'.";
}
