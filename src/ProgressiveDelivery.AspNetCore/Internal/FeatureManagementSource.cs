using System;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using ProgressiveDelivery.Flags;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>
/// The Microsoft.FeatureManagement configuration read by <see cref="ProgressiveDeliveryOptions.ReadFeatureManagementConfiguration()"/>:
/// the <c>feature_management</c> and <c>FeatureManagement</c> sections of the configuration, written out as JSON
/// (values as configuration holds them, arrays as children keyed 0, 1, 2...) for <see cref="FeatureManagementFlags.Parse"/>,
/// which reads them as FM does. A feature left out is logged as an error with its configuration path; the others load.
/// </summary>
internal sealed class FeatureManagementSource(IConfiguration configuration, TimeProvider timeProvider, ILogger logger)
{
    private static readonly string[] Sections = ["feature_management", "FeatureManagement"];

    /// <summary>Signals a change of the configuration.</summary>
    public IChangeToken GetReloadToken() => configuration.GetReloadToken();

    /// <summary>The two sections as JSON.</summary>
    public string ReadJson() => JsonText.Write(writer =>
    {
        writer.WriteStartObject();
        foreach (var name in Sections)
        {
            var section = configuration.GetSection(name);
            if (section.Exists())
            {
                writer.WritePropertyName(section.Key);
                Write(writer, section);
            }
        }

        writer.WriteEndObject();
    });

    /// <summary>Reads the flags from <paramref name="json"/> (from <see cref="ReadJson"/>), logging each feature left out.</summary>
    public FeatureManagementFlags Parse(string json)
    {
        var flags = FeatureManagementFlags.Parse(json, timeProvider);
        foreach (var error in flags.Errors)
        {
            Log.FeatureManagementFeatureSkipped(logger, error.ToString());
        }

        return flags;
    }

    private static void Write(Utf8JsonWriter writer, IConfigurationSection section)
    {
        var hasChildren = false;
        foreach (var child in section.GetChildren())
        {
            if (!hasChildren)
            {
                writer.WriteStartObject();
                hasChildren = true;
            }

            writer.WritePropertyName(child.Key);
            Write(writer, child);
        }

        if (hasChildren)
        {
            writer.WriteEndObject();
        }
        else if (section.Value is { } value)
        {
            writer.WriteStringValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
