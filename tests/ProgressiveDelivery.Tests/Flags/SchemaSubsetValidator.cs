using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ProgressiveDelivery.Tests.Flags;

/// <summary>
/// A small JSON Schema (draft 2020-12) validator for the keywords our schema uses, so that tests can check the schema
/// against the loader without a package. An unsupported keyword throws, so the schema cannot outgrow the check silently.
/// </summary>
internal sealed class SchemaSubsetValidator(JsonElement schemaRoot)
{
    private static readonly HashSet<string> Annotations =
        ["$schema", "$id", "$defs", "$comment", "title", "description", "default", "examples"];

    public List<string> Validate(JsonElement instance)
    {
        var errors = new List<string>();
        Validate(schemaRoot, instance, "$", errors);
        return errors;
    }

    private void Validate(JsonElement schema, JsonElement instance, string path, List<string> errors)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return;
        }

        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add($"{path}: false schema");
            return;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            var value = keyword.Value;
            switch (keyword.Name)
            {
                case var name when Annotations.Contains(name):
                    break;
                case "$ref":
                    Validate(Resolve(value.GetString()!), instance, path, errors);
                    break;
                case "type":
                    var types = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(t => t.GetString()!).ToList() : [value.GetString()!];
                    if (!types.Any(t => HasType(instance, t)))
                    {
                        errors.Add($"{path}: type {instance.ValueKind} is not {string.Join("|", types)}");
                    }

                    break;
                case "enum":
                    if (!value.EnumerateArray().Any(candidate => JsonElement.DeepEquals(candidate, instance)))
                    {
                        errors.Add($"{path}: not in enum");
                    }

                    break;
                case "const":
                    if (!JsonElement.DeepEquals(value, instance))
                    {
                        errors.Add($"{path}: not const");
                    }

                    break;
                case "properties" or "additionalProperties" or "propertyNames" or "required" or "minProperties":
                    if (instance.ValueKind == JsonValueKind.Object)
                    {
                        ValidateObjectKeyword(schema, keyword.Name, value, instance, path, errors);
                    }

                    break;
                case "items":
                    if (instance.ValueKind == JsonValueKind.Array)
                    {
                        var index = 0;
                        foreach (var item in instance.EnumerateArray())
                        {
                            Validate(value, item, $"{path}[{index++}]", errors);
                        }
                    }

                    break;
                case "minLength":
                    if (instance.ValueKind == JsonValueKind.String && instance.GetString()!.Length < value.GetInt32())
                    {
                        errors.Add($"{path}: shorter than {value.GetInt32()}");
                    }

                    break;
                case "pattern":
                    if (instance.ValueKind == JsonValueKind.String && !Regex.IsMatch(instance.GetString()!, value.GetString()!))
                    {
                        errors.Add($"{path}: does not match {value.GetString()}");
                    }

                    break;
                case "minimum":
                    if (instance.ValueKind == JsonValueKind.Number && instance.GetDouble() < value.GetDouble())
                    {
                        errors.Add($"{path}: below minimum");
                    }

                    break;
                case "maximum":
                    if (instance.ValueKind == JsonValueKind.Number && instance.GetDouble() > value.GetDouble())
                    {
                        errors.Add($"{path}: above maximum");
                    }

                    break;
                case "allOf":
                    foreach (var sub in value.EnumerateArray())
                    {
                        Validate(sub, instance, path, errors);
                    }

                    break;
                case "anyOf":
                    if (!value.EnumerateArray().Any(sub => IsValid(sub, instance)))
                    {
                        errors.Add($"{path}: anyOf");
                    }

                    break;
                case "oneOf":
                    if (value.EnumerateArray().Count(sub => IsValid(sub, instance)) != 1)
                    {
                        errors.Add($"{path}: oneOf");
                    }

                    break;
                case "not":
                    if (IsValid(value, instance))
                    {
                        errors.Add($"{path}: not");
                    }

                    break;
                case "if":
                    var branch = IsValid(value, instance) ? "then" : "else";
                    if (schema.TryGetProperty(branch, out var branchSchema))
                    {
                        Validate(branchSchema, instance, path, errors);
                    }

                    break;
                case "then" or "else":
                    break;
                default:
                    throw new NotSupportedException($"The test validator does not support the keyword '{keyword.Name}'.");
            }
        }
    }

    private void ValidateObjectKeyword(JsonElement schema, string keyword, JsonElement value, JsonElement instance, string path, List<string> errors)
    {
        switch (keyword)
        {
            case "properties":
                foreach (var property in instance.EnumerateObject())
                {
                    if (value.TryGetProperty(property.Name, out var propertySchema))
                    {
                        Validate(propertySchema, property.Value, $"{path}.{property.Name}", errors);
                    }
                }

                break;
            case "additionalProperties":
                var declared = schema.TryGetProperty("properties", out var properties) ? properties : default;
                foreach (var property in instance.EnumerateObject())
                {
                    if (declared.ValueKind != JsonValueKind.Object || !declared.TryGetProperty(property.Name, out _))
                    {
                        Validate(value, property.Value, $"{path}['{property.Name}']", errors);
                    }
                }

                break;
            case "propertyNames":
                foreach (var property in instance.EnumerateObject())
                {
                    using var name = JsonDocument.Parse(JsonSerializer.Serialize(property.Name));
                    Validate(value, name.RootElement, $"{path}['{property.Name}'](name)", errors);
                }

                break;
            case "required":
                foreach (var required in value.EnumerateArray())
                {
                    if (!instance.TryGetProperty(required.GetString()!, out _))
                    {
                        errors.Add($"{path}: missing {required.GetString()}");
                    }
                }

                break;
            case "minProperties":
                if (instance.EnumerateObject().Count() < value.GetInt32())
                {
                    errors.Add($"{path}: fewer than {value.GetInt32()} properties");
                }

                break;
        }
    }

    private bool IsValid(JsonElement schema, JsonElement instance)
    {
        var errors = new List<string>();
        Validate(schema, instance, "$", errors);
        return errors.Count == 0;
    }

    private JsonElement Resolve(string reference)
    {
        const string Prefix = "#/$defs/";
        if (!reference.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new NotSupportedException($"Only local $defs references are supported, not '{reference}'.");
        }

        return schemaRoot.GetProperty("$defs").GetProperty(reference[Prefix.Length..]);
    }

    private static bool HasType(JsonElement instance, string type) => type switch
    {
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "string" => instance.ValueKind == JsonValueKind.String,
        "number" => instance.ValueKind == JsonValueKind.Number,
        "integer" => instance.ValueKind == JsonValueKind.Number && instance.TryGetInt64(out _),
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => instance.ValueKind == JsonValueKind.Null,
        _ => throw new NotSupportedException($"Unknown JSON type '{type}'."),
    };
}
