using System;
using System.Collections.Generic;
using System.Text.Json;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Evaluation.Internal;
using ProgressiveDelivery.Flags.Internal;

namespace ProgressiveDelivery.Flags;

/// <summary>
/// Flags read from Microsoft.FeatureManagement 4.x configuration, as it is, to evaluate with exactly FM's answers
/// (its SHA-256 targeting and allocation, its time windows and recurrences, its filter combination and variant
/// status overrides); add them to a snapshot with <see cref="FlagSnapshot.TryAdd"/>.
/// </summary>
/// <remarks>
/// <para>Both schemas are read as FM 4.7.0 reads them: <c>feature_management.feature_flags</c> (<c>id</c>,
/// <c>enabled</c>, <c>conditions</c>, <c>allocation</c>, <c>variants</c>; the last feature of an id wins) and the .NET
/// schema <c>FeatureManagement.{name}</c> (<c>true</c>, or <c>EnabledFor</c> filters with <c>RequirementType</c>) for
/// names the first does not define. Keys ignore case; filters are <c>Microsoft.Targeting</c>,
/// <c>Microsoft.Percentage</c>, <c>Microsoft.TimeWindow</c> and <c>AlwaysOn</c> (also as <c>Targeting</c>,
/// <c>Percentage</c>, <c>TimeWindow</c>, <c>On</c>, in any case).</para>
/// <para>Each feature <c>{name}</c> becomes the boolean flag <c>{name}</c>, on exactly when FM's <c>IsEnabledAsync</c> is
/// true; a feature with variants also becomes the string flag <c>{name}.variant</c> (<see cref="VariantFlagSuffix"/>),
/// whose variant is the one FM's <c>GetVariantAsync</c> returns (<see langword="null"/> where FM assigns none) and
/// whose value is that variant's <c>configuration_value</c> (a scalar as its text, an object or array as JSON).
/// FM's targeting context maps to the evaluation context: <c>UserId</c> is the targeting key and <c>Groups</c> the
/// string-list attribute <see cref="GroupsAttribute"/>.</para>
/// <para>A feature we cannot evaluate (a custom filter, or settings FM would reject when evaluating it) is left out
/// with an error in <see cref="Errors"/> that names the feature, the filter or setting and its configuration path;
/// every other feature is read.</para>
/// </remarks>
public sealed class FeatureManagementFlags
{
    /// <summary>The context attribute holding FM's <c>TargetingContext.Groups</c>: a string list (or one string).</summary>
    public const string GroupsAttribute = "groups";

    /// <summary>The suffix of the flag that serves a feature's variant: <c>{name}.variant</c>.</summary>
    public const string VariantFlagSuffix = ".variant";

    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private FeatureManagementFlags(List<CompiledFlag> flags, Dictionary<string, string> paths, List<DefinitionError> errors)
    {
        Flags = flags;
        Paths = paths;
        var keys = new string[flags.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = flags[i].Key;
        }

        FlagKeys = keys;
        Errors = errors.AsReadOnly();
    }

    /// <summary>The keys of the flags read, in configuration order: <c>{name}</c>, then <c>{name}.variant</c> for a feature with variants.</summary>
    public IReadOnlyList<string> FlagKeys { get; }

    /// <summary>Why features were left out, with the configuration path (<c>feature_management:feature_flags:2:conditions:client_filters:0:name</c>); empty when every feature was read.</summary>
    public IReadOnlyList<DefinitionError> Errors { get; }

    internal List<CompiledFlag> Flags { get; }

    /// <summary>The configuration path of each flag's feature, by flag key.</summary>
    internal Dictionary<string, string> Paths { get; }

    /// <summary>Reads the FM configuration in a JSON document such as <c>appsettings.json</c> (its <c>feature_management</c> and <c>FeatureManagement</c> sections).</summary>
    /// <param name="json">The document. Comments and trailing commas are allowed; scalars may be JSON strings, as configuration holds them.</param>
    /// <param name="timeProvider">The clock of the time-window filters.</param>
    /// <returns>The flags, and the errors of the features left out; invalid JSON gives no flags and an <c>invalid_json</c> error.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    public static FeatureManagementFlags Parse(string json, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        var errors = new List<DefinitionError>();
        var flags = new List<CompiledFlag>();
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException exception)
        {
            errors.Add(new DefinitionError("$", null, DefinitionErrorCodes.InvalidJson, exception.Message));
            return new FeatureManagementFlags(flags, paths, errors);
        }

        using (document)
        {
            var root = new FeatureManagementNode(document.RootElement, string.Empty, string.Empty);
            foreach (var definition in FeatureManagementReader.Read(root, timeProvider ?? TimeProvider.System, errors))
            {
                foreach (var flag in FeatureManagementFlagCompiler.Compile(definition))
                {
                    flags.Add(flag);
                    paths[flag.Key] = definition.Path;
                }
            }
        }

        return new FeatureManagementFlags(flags, paths, errors);
    }
}
