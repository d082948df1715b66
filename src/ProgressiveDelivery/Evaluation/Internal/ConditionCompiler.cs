using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.Evaluation.Internal;

/// <summary>Validates conditions and compiles them into <see cref="CompiledCondition"/>s with pre-parsed operands.</summary>
internal sealed class ConditionCompiler(DefinitionErrorCollector errors, IReadOnlyDictionary<string, CompiledSegment> segments)
{
    /// <summary>Compiles a list of conditions; null when any is invalid (its errors are collected).</summary>
    public CompiledCondition[]? CompileAll(IList<ConditionDefinition> conditions, string parentPath, string? ownerKey, bool allowSegments)
    {
        var compiled = new CompiledCondition[conditions.Count];
        var valid = true;
        for (var i = 0; i < conditions.Count; i++)
        {
            var condition = Compile(conditions[i], DefinitionPath.Item(parentPath, "conditions", i), ownerKey, allowSegments);
            if (condition is null)
            {
                valid = false;
            }
            else
            {
                compiled[i] = condition;
            }
        }

        return valid ? compiled : null;
    }

    private CompiledCondition? Compile(ConditionDefinition? condition, string path, string? ownerKey, bool allowSegments)
    {
        if (condition is null)
        {
            errors.Add(path, ownerKey, DefinitionErrorCodes.Missing, "The condition is missing (null).");
            return null;
        }

        var op = condition.Operator;
        if (!Enum.IsDefined(op))
        {
            errors.Add(DefinitionPath.Member(path, "operator"), ownerKey, DefinitionErrorCodes.UnknownOperator, $"The operator {(int)op} does not exist.");
            return null;
        }

        var errorCount = errors.Count;
        var values = ReadValues(condition, path, ownerKey);
        var hasNullValues = errors.Count != errorCount;
        if (op is ConditionOperator.InSegment or ConditionOperator.NotInSegment)
        {
            return CompileSegmentCondition(op, values, condition.Values, path, ownerKey, allowSegments, errorCount);
        }

        if (string.IsNullOrEmpty(condition.Attribute))
        {
            errors.Add(DefinitionPath.Member(path, "attribute"), ownerKey, DefinitionErrorCodes.Missing, $"The operator '{Name(op)}' needs an attribute.");
        }

        var arity = Arity(op);
        if (arity == 0 && values.Length > 0)
        {
            errors.Add(DefinitionPath.Member(path, "values"), ownerKey, DefinitionErrorCodes.InvalidValues, $"The operator '{Name(op)}' takes no values.");
        }
        else if (arity > 0 && values.Length == 0)
        {
            errors.Add(DefinitionPath.Member(path, "values"), ownerKey, DefinitionErrorCodes.InvalidValues, $"The operator '{Name(op)}' needs at least one value.");
        }
        else if (arity == 1 && values.Length > 1)
        {
            errors.Add(DefinitionPath.Member(path, "values"), ownerKey, DefinitionErrorCodes.InvalidValues, $"The operator '{Name(op)}' takes exactly one value, not {values.Length}.");
        }

        if (hasNullValues)
        {
            // Parsing the operands would only report the null values again.
            return null;
        }

        var attribute = condition.Attribute ?? string.Empty;
        var caseSensitive = condition.CaseSensitive;
        CompiledCondition? compiled = op switch
        {
            ConditionOperator.Equals or ConditionOperator.In => new StringSetCondition(attribute, negate: false, values, caseSensitive),
            ConditionOperator.NotEquals or ConditionOperator.NotIn => new StringSetCondition(attribute, negate: true, values, caseSensitive),
            ConditionOperator.StartsWith => new AffixCondition(attribute, AffixKind.StartsWith, values, caseSensitive),
            ConditionOperator.EndsWith => new AffixCondition(attribute, AffixKind.EndsWith, values, caseSensitive),
            ConditionOperator.Contains => new AffixCondition(attribute, AffixKind.Contains, values, caseSensitive),
            ConditionOperator.Matches => CompileRegex(attribute, values, caseSensitive, path, ownerKey),
            ConditionOperator.LessThan => CompileNumber(attribute, ComparisonKind.Less, values, path, ownerKey),
            ConditionOperator.LessThanOrEqual => CompileNumber(attribute, ComparisonKind.LessOrEqual, values, path, ownerKey),
            ConditionOperator.GreaterThan => CompileNumber(attribute, ComparisonKind.Greater, values, path, ownerKey),
            ConditionOperator.GreaterThanOrEqual => CompileNumber(attribute, ComparisonKind.GreaterOrEqual, values, path, ownerKey),
            ConditionOperator.NumberEquals => CompileNumber(attribute, ComparisonKind.Equal, values, path, ownerKey),
            ConditionOperator.NumberNotEquals => CompileNumber(attribute, ComparisonKind.NotEqual, values, path, ownerKey),
            ConditionOperator.Before => CompileDate(attribute, ComparisonKind.Less, values, path, ownerKey),
            ConditionOperator.After => CompileDate(attribute, ComparisonKind.Greater, values, path, ownerKey),
            ConditionOperator.SemVerEquals => CompileSemVer(attribute, ComparisonKind.Equal, values, path, ownerKey),
            ConditionOperator.SemVerLessThan => CompileSemVer(attribute, ComparisonKind.Less, values, path, ownerKey),
            ConditionOperator.SemVerLessThanOrEqual => CompileSemVer(attribute, ComparisonKind.LessOrEqual, values, path, ownerKey),
            ConditionOperator.SemVerGreaterThan => CompileSemVer(attribute, ComparisonKind.Greater, values, path, ownerKey),
            ConditionOperator.SemVerGreaterThanOrEqual => CompileSemVer(attribute, ComparisonKind.GreaterOrEqual, values, path, ownerKey),
            _ => new ExistsCondition(attribute),
        };

        return errors.Count == errorCount ? compiled : null;
    }

    /// <summary>The JSON (camel-case) name of an operator, for messages.</summary>
    internal static string Name(ConditionOperator op)
    {
        var name = op.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>0: no values; 1: exactly one; 2: one or more.</summary>
    private static int Arity(ConditionOperator op) => op switch
    {
        ConditionOperator.Exists => 0,
        ConditionOperator.LessThan or ConditionOperator.LessThanOrEqual or ConditionOperator.GreaterThan or
        ConditionOperator.GreaterThanOrEqual or ConditionOperator.NumberEquals or ConditionOperator.NumberNotEquals or
        ConditionOperator.Before or ConditionOperator.After or
        ConditionOperator.SemVerLessThan or ConditionOperator.SemVerLessThanOrEqual or
        ConditionOperator.SemVerGreaterThan or ConditionOperator.SemVerGreaterThanOrEqual => 1,
        _ => 2,
    };

    private string[] ReadValues(ConditionDefinition condition, string path, string? ownerKey)
    {
        var source = condition.Values;
        if (source is null)
        {
            return [];
        }

        var values = new string[source.Count];
        for (var i = 0; i < values.Length; i++)
        {
            if (source[i] is null)
            {
                errors.Add(DefinitionPath.Item(path, "values", i), ownerKey, DefinitionErrorCodes.Missing, "The value is missing (null).");
            }

            values[i] = source[i] ?? string.Empty;
        }

        return values;
    }

    private SegmentCondition? CompileSegmentCondition(ConditionOperator op, string[] values, IList<string> source, string path, string? ownerKey, bool allowSegments, int errorCount)
    {
        if (!allowSegments)
        {
            errors.Add(DefinitionPath.Member(path, "operator"), ownerKey, DefinitionErrorCodes.InvalidValue, $"A segment's conditions cannot use '{Name(op)}'; segments do not nest.");
            return null;
        }

        if (values.Length == 0)
        {
            errors.Add(DefinitionPath.Member(path, "values"), ownerKey, DefinitionErrorCodes.InvalidValues, $"The operator '{Name(op)}' needs at least one segment key.");
        }

        var compiled = new CompiledSegment[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (segments.TryGetValue(values[i], out var segment))
            {
                compiled[i] = segment;
            }
            else if (source[i] is not null)
            {
                errors.Add(DefinitionPath.Item(path, "values", i), ownerKey, DefinitionErrorCodes.UnknownSegment, $"The segment '{values[i]}' is not defined.");
            }
        }

        return errors.Count == errorCount ? new SegmentCondition(compiled, op == ConditionOperator.NotInSegment) : null;
    }

    private RegexCondition CompileRegex(string attribute, string[] values, bool caseSensitive, string path, string? ownerKey)
    {
        var options = RegexCondition.BaseOptions | (caseSensitive ? RegexOptions.None : RegexOptions.IgnoreCase);
        var regexes = new Regex[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (PosixBracketExpressions.TryFind(values[i], out var posix))
            {
                errors.Add(DefinitionPath.Item(path, "values", i), ownerKey, DefinitionErrorCodes.InvalidRegex,
                    $"The regular expression uses the POSIX bracket expression '{posix}', which .NET does not support: it would read it as a set of its characters and never match as meant. Use a .NET class instead (\\d or [0-9] for digits, \\p{{L}} or [a-zA-Z] for letters, \\s for spaces, \\w for word characters).");
                continue;
            }

            try
            {
                regexes[i] = new Regex(values[i], options);
            }
            catch (Exception exception) when (exception is ArgumentException or NotSupportedException)
            {
                errors.Add(DefinitionPath.Item(path, "values", i), ownerKey, DefinitionErrorCodes.InvalidRegex, $"The regular expression is not valid or not supported in linear-time mode: {exception.Message}");
            }
        }

        return new RegexCondition(attribute, regexes);
    }

    private NumberCondition CompileNumber(string attribute, ComparisonKind kind, string[] values, string path, string? ownerKey)
    {
        var operand = 0d;
        for (var i = 0; i < values.Length; i++)
        {
            if (!Literals.TryParseNumber(values[i], out operand))
            {
                errors.Add(DefinitionPath.Item(path, "values", i), ownerKey, DefinitionErrorCodes.InvalidNumber, $"'{values[i]}' is not a finite invariant number (e.g. 42, -0.5, 1e3).");
            }
        }

        return new NumberCondition(attribute, kind, operand);
    }

    private DateCondition CompileDate(string attribute, ComparisonKind kind, string[] values, string path, string? ownerKey)
    {
        long operand = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!Literals.TryParseDate(values[i], out operand))
            {
                errors.Add(DefinitionPath.Item(path, "values", i), ownerKey, DefinitionErrorCodes.InvalidDate, $"'{values[i]}' is not an ISO 8601 date (e.g. 2026-01-31T12:00:00Z) or Unix seconds.");
            }
        }

        return new DateCondition(attribute, kind, operand);
    }

    private SemVerCondition CompileSemVer(string attribute, ComparisonKind kind, string[] values, string path, string? ownerKey)
    {
        var operands = new SemanticVersion[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (!SemanticVersion.TryParse(values[i], out operands[i]))
            {
                errors.Add(DefinitionPath.Item(path, "values", i), ownerKey, DefinitionErrorCodes.InvalidSemVer, $"'{values[i]}' is not a semantic version (MAJOR.MINOR.PATCH[-prerelease][+build], optional leading v).");
            }
        }

        return new SemVerCondition(attribute, kind, operands);
    }
}
