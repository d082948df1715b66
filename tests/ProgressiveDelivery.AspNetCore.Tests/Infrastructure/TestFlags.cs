using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace ProgressiveDelivery.AspNetCore.Tests.Infrastructure;

/// <summary>Definitions shared by the tests, written as an appsettings.json would hold them.</summary>
internal static class TestFlags
{
    public const string AppSettings = """
        {
          "ProgressiveDelivery": {
            "UnitHeaderName": "X-Unit",
            "flags": {
              "on-flag": { "defaultVariant": "on" },
              "off-flag": { "defaultVariant": "off" },
              "disabled-flag": { "enabled": false, "defaultVariant": "on" },
              "beta": {
                "rules": [ { "conditions": [ { "attribute": "key", "operator": "in", "values": [ "alice", "u1" ] } ], "variant": "on" } ]
              },
              "half": { "defaultSplit": { "on": 50, "off": 50 } },
              "checkout": {
                "variants": { "control": "old", "treatment": "new" },
                "rules": [ { "conditions": [ { "attribute": "key", "operator": "equals", "value": "t1" } ], "variant": "treatment" } ],
                "defaultVariant": "control"
              }
            }
          }
        }
        """;

    /// <summary>Adds <paramref name="json"/> as a JSON configuration source (the real JSON provider, so values are strings as in an app).</summary>
    public static IConfigurationBuilder AddJsonText(this IConfigurationBuilder builder, string json) =>
        builder.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    /// <summary>The configuration keys and values a JSON document becomes.</summary>
    public static Dictionary<string, string?> Flatten(string json) =>
        new ConfigurationBuilder().AddJsonText(json).Build().AsEnumerable()
            .ToDictionary(pair => pair.Key, pair => pair.Value);
}
