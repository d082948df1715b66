using System.Collections.Generic;

namespace ProgressiveDelivery.Tests.Flags;

/// <summary>The JSON documents the flag tests use; the schema test checks that the schema agrees with the loader on each.</summary>
internal static class FlagSetJsonSamples
{
    /// <summary>Every field of the format, with comments and trailing commas.</summary>
    public const string Full = """
        {
          "$schema": "./progressive-delivery.schema.json",
          // Flags by key.
          "flags": {
            "new-checkout": {
              "kind": "release",
              "description": "The redesigned checkout flow.",
              "owner": "payments",
              "created": "2026-03-02",
              "expires": "2026-06-30T18:30:00+02:00",
              "tags": ["checkout", "web"],
              "variants": { "on": true, "off": false },
              "offVariant": "off",
              "prerequisites": [{ "flag": "checkout-api-v2", "variants": ["on"] }],
              "rules": [
                {
                  "name": "internal staff",
                  "conditions": [
                    { "attribute": "email", "operator": "endsWith", "value": "@contoso.com", "caseSensitive": false },
                    { "attribute": "country", "operator": "in", "values": ["NL", "BE"] },
                  ],
                  "variant": "on",
                },
                {
                  "name": "beta testers",
                  "comment": "Half of the beta segment.",
                  "conditions": [{ "operator": "inSegment", "value": "beta" }],
                  "split": { "on": 50, "off": 50 },
                },
              ],
              "defaultSplit": { "on": 10, "off": 90 },
              "salt": "new-checkout-2026",
            },
            "checkout-api-v2": { "kind": "ops", "enabled": false, "comment": "Boolean flag: no variants." },
            "search-ranking": {
              "kind": "experiment",
              "variants": { "control": "bm25", "treatment": "neural" },
              "bucketBy": "tenantId",
              "rules": [
                {
                  "conditions": [
                    { "attribute": "appVersion", "operator": "semVerGreaterThanOrEqual", "value": "2.4.0" },
                    { "attribute": "age", "operator": "greaterThan", "value": 17.5 },
                    { "attribute": "beta", "operator": "equals", "value": true },
                  ],
                  "split": { "control": 50, "treatment": 50 },
                },
              ],
              "defaultVariant": "control",
            },
            "max-upload-mb": {
              "kind": "permission",
              "variants": { "small": 10, "large": 250.5 },
              "rules": [{ "conditions": [{ "attribute": "plan", "operator": "equals", "value": "pro" }], "variant": "large" }],
              "defaultVariant": "small",
            },
            "theme": {
              "variants": {
                "light": { "background": "#fff", "accents": ["blue"] },
                "dark": { "background": "#000", "accents": [] },
              },
              "defaultVariant": "light",
            },
          },
          "segments": {
            "beta": {
              "description": "Opted-in beta testers.",
              "included": ["user-1", "user-2"],
              "excluded": ["user-3"],
              "conditions": [{ "attribute": "betaOptIn", "operator": "exists" }],
            },
          },
        }
        """;

    /// <summary>One document with many structural errors; see <c>FlagSetJsonTests.Parse_ManyErrors_ReportsEveryOneWithPathAndCode</c>.</summary>
    public const string ManyErrors = """
        {
          "flagz": {},
          "flags": {
            "new-checkout": {
              "kind": "relase",
              "enabled": "yes",
              "variants": { "on": true, "off": null },
              "rules": [
                { "condtions": [], "variant": "on" },
                {
                  "conditions": [
                    { "attribute": "country", "operator": "in", "values": ["NL", null] },
                    { "attribute": "email", "operator": "endswith", "value": "@x.com" },
                    { "operator": "equals", "value": "x" },
                    { "attribute": "plan" }
                  ],
                  "split": { "on": "50", "off": 50 }
                }
              ],
              "created": "yesterday",
              "tags": "checkout"
            },
            "it's": { "prerequisites": [{}], "expires": "2026-13-01" },
            "bad": []
          },
          "segments": {
            "beta": {
              "included": ["user-1", 2],
              "conditions": [{ "attribute": "a", "operator": "equals", "value": "x", "values": ["y"] }]
            }
          }
        }
        """;

    /// <summary>Small documents, each valid or with one kind of structural error, by name.</summary>
    public static IReadOnlyDictionary<string, (string Json, bool Valid)> Focused { get; } = new Dictionary<string, (string, bool)>
    {
        ["empty"] = ("{}", true),
        ["boolean flag"] = ("""{ "flags": { "f": {} } }""", true),
        ["rule matching everyone"] = ("""{ "flags": { "f": { "rules": [{ "conditions": [], "variant": "on" }] } } }""", true),
        ["exists without value"] = ("""{ "flags": { "f": { "rules": [{ "conditions": [{ "attribute": "a", "operator": "exists" }], "variant": "on" }] } } }""", true),
        ["notInSegment without attribute"] = ("""{ "flags": { "f": { "rules": [{ "conditions": [{ "operator": "notInSegment", "values": ["s"] }], "variant": "on" }] } }, "segments": { "s": {} } }""", true),
        ["annotations everywhere"] = ("""{ "description": "d", "comment": "c", "flags": { "f": { "comment": "c", "prerequisites": [{ "flag": "g", "description": "d", "comment": "c" }], "rules": [{ "description": "d", "comment": "c", "conditions": [{ "attribute": "a", "operator": "exists", "description": "d", "comment": "c" }], "variant": "on" }] }, "g": {} }, "segments": { "s": { "comment": "c" } } }""", true),
        ["date-time without offset"] = ("""{ "flags": { "f": { "created": "2026-03-31T12:00", "expires": "2026-03-31T12:00:00.5Z" } } }""", true),
        ["root is an array"] = ("[]", false),
        ["unknown root field"] = ("""{ "flag": {} }""", false),
        ["unknown flag field"] = ("""{ "flags": { "f": { "enable": true } } }""", false),
        ["unknown condition field"] = ("""{ "flags": { "f": { "rules": [{ "conditions": [{ "attribute": "a", "operator": "exists", "case": true }], "variant": "on" }] } } }""", false),
        ["wrong type enabled"] = ("""{ "flags": { "f": { "enabled": "false" } } }""", false),
        ["null description"] = ("""{ "flags": { "f": { "description": null } } }""", false),
        ["comment not a string"] = ("""{ "flags": { "f": { "comment": 1 } } }""", false),
        ["null variant value"] = ("""{ "flags": { "f": { "variants": { "a": null } } } }""", false),
        ["variants as array"] = ("""{ "flags": { "f": { "variants": ["a", "b"] } } }""", false),
        ["unknown kind"] = ("""{ "flags": { "f": { "kind": "Release" } } }""", false),
        ["unknown operator"] = ("""{ "flags": { "f": { "rules": [{ "conditions": [{ "attribute": "a", "operator": "regex", "value": "x" }], "variant": "on" }] } } }""", false),
        ["rule without conditions"] = ("""{ "flags": { "f": { "rules": [{ "variant": "on" }] } } }""", false),
        ["condition without operator"] = ("""{ "flags": { "f": { "rules": [{ "conditions": [{ "attribute": "a", "value": "x" }], "variant": "on" }] } } }""", false),
        ["condition without attribute"] = ("""{ "flags": { "f": { "rules": [{ "conditions": [{ "operator": "equals", "value": "x" }], "variant": "on" }] } } }""", false),
        ["condition with empty attribute"] = ("""{ "flags": { "f": { "rules": [{ "conditions": [{ "attribute": "", "operator": "equals", "value": "x" }], "variant": "on" }] } } }""", false),
        ["value and values"] = ("""{ "flags": { "f": { "rules": [{ "conditions": [{ "attribute": "a", "operator": "in", "value": "x", "values": ["y"] }], "variant": "on" }] } } }""", false),
        ["object operand"] = ("""{ "flags": { "f": { "rules": [{ "conditions": [{ "attribute": "a", "operator": "equals", "value": { "x": 1 } }], "variant": "on" }] } } }""", false),
        ["split percent as string"] = ("""{ "flags": { "f": { "defaultSplit": { "on": "100" } } } }""", false),
        ["prerequisite without flag"] = ("""{ "flags": { "f": { "prerequisites": [{ "variants": ["on"] }] } } }""", false),
        ["invalid date"] = ("""{ "flags": { "f": { "expires": "next week" } } }""", false),
        ["tags not an array"] = ("""{ "flags": { "f": { "tags": "a,b" } } }""", false),
        ["segment included not strings"] = ("""{ "segments": { "s": { "included": [1] } } }""", false),
    };
}
