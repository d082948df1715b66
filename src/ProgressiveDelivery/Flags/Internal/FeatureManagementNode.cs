using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace ProgressiveDelivery.Flags.Internal;

/// <summary>
/// A node of Microsoft.FeatureManagement configuration held as JSON, read the way Microsoft.Extensions.Configuration
/// reads it, so that what FM accepts is accepted here: keys are case-insensitive (of equal keys the last wins), an
/// array is a node whose children are keyed 0, 1, 2..., every scalar is its text, and an empty object or array, or
/// <c>null</c>, does not exist. Children come in configuration's order (integer keys first, numerically, then the others
/// ordinal-ignore-case), which is the order FM reads filters and allocations in.
/// </summary>
internal readonly struct FeatureManagementNode
{
    private readonly JsonElement _element;
    private readonly bool _present;

    public FeatureManagementNode(JsonElement element, string key, string path)
    {
        _element = element;
        _present = true;
        Key = key;
        Path = path;
    }

    private FeatureManagementNode(string key, string path)
    {
        Key = key;
        Path = path;
    }

    /// <summary>The key of the node within its parent.</summary>
    public string Key { get; }

    /// <summary>The configuration path of the node: keys joined by <c>:</c> (<c>feature_management:feature_flags:0:id</c>).</summary>
    public string Path { get; }

    /// <summary>Whether configuration would hold a value or children here.</summary>
    public bool Exists => Value is not null || HasChildren;

    /// <summary>The text of a scalar (a string as is, a number as written, a boolean as <c>True</c>/<c>False</c>), else <see langword="null"/>.</summary>
    public string? Value => !_present ? null : _element.ValueKind switch
    {
        JsonValueKind.String => _element.GetString(),
        JsonValueKind.Number => _element.GetRawText(),
        JsonValueKind.True => bool.TrueString,
        JsonValueKind.False => bool.FalseString,
        _ => null,
    };

    /// <summary>The node as text: a scalar's <see cref="Value"/>, an object or array as its JSON, or empty when it does not exist.</summary>
    public string Text => Value ?? (_present && _element.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? _element.GetRawText() : string.Empty);

    private bool HasChildren => _present && _element.ValueKind switch
    {
        JsonValueKind.Object => _element.EnumerateObject().MoveNext(),
        JsonValueKind.Array => _element.GetArrayLength() > 0,
        _ => false,
    };

    /// <summary>The value of the child <paramref name="key"/>, or <see langword="null"/>.</summary>
    public string? this[string key] => GetSection(key).Value;

    /// <summary>The child <paramref name="key"/> (case-insensitive); a node that does not exist when there is none.</summary>
    public FeatureManagementNode GetSection(string key)
    {
        var path = ChildPath(key);
        if (_present && _element.ValueKind == JsonValueKind.Object)
        {
            FeatureManagementNode found = new(key, path);
            foreach (var property in _element.EnumerateObject())
            {
                if (string.Equals(property.Name, key, StringComparison.OrdinalIgnoreCase))
                {
                    found = new FeatureManagementNode(property.Value, property.Name, ChildPath(property.Name));
                }
            }

            return found;
        }

        if (_present && _element.ValueKind == JsonValueKind.Array
            && int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < _element.GetArrayLength())
        {
            return new FeatureManagementNode(_element[index], key, path);
        }

        return new FeatureManagementNode(key, path);
    }

    /// <summary>The children, in configuration's order; the last of keys equal but for case.</summary>
    public List<FeatureManagementNode> GetChildren()
    {
        var children = new List<FeatureManagementNode>();
        if (!_present)
        {
            return children;
        }

        if (_element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in _element.EnumerateArray())
            {
                var key = index.ToString(CultureInfo.InvariantCulture);
                children.Add(new FeatureManagementNode(item, key, ChildPath(key)));
                index++;
            }

            return children;
        }

        if (_element.ValueKind != JsonValueKind.Object)
        {
            return children;
        }

        var byKey = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in _element.EnumerateObject())
        {
            var node = new FeatureManagementNode(property.Value, property.Name, ChildPath(property.Name));
            if (byKey.TryGetValue(property.Name, out var at))
            {
                children[at] = node;
            }
            else
            {
                byKey[property.Name] = children.Count;
                children.Add(node);
            }
        }

        children.Sort(static (left, right) => CompareKeys(left.Key, right.Key));
        return children;
    }

    private string ChildPath(string key) => Path.Length == 0 ? key : Path + ":" + key;

    /// <summary>Configuration's key order (<c>ConfigurationKeyComparer</c>): integers first, numerically, then the rest ignoring case.</summary>
    private static int CompareKeys(string left, string right)
    {
        var leftIsNumber = int.TryParse(left, NumberStyles.None, CultureInfo.InvariantCulture, out var leftNumber);
        var rightIsNumber = int.TryParse(right, NumberStyles.None, CultureInfo.InvariantCulture, out var rightNumber);
        return (leftIsNumber, rightIsNumber) switch
        {
            (true, true) => leftNumber.CompareTo(rightNumber),
            (true, false) => -1,
            (false, true) => 1,
            _ => string.Compare(left, right, StringComparison.OrdinalIgnoreCase),
        };
    }
}
