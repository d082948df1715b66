using System;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace ProgressiveDelivery.PostgreSql.Internal;

/// <summary>Typed parameters for the few PostgreSQL types this package writes whose .NET value alone is ambiguous.</summary>
internal static class SqlParameters
{
    /// <summary>Ordinal order, for <c>ORDER BY</c> on text that must match .NET's <see cref="StringComparer.Ordinal"/>.</summary>
    public const string Ordinal = "COLLATE \"C\"";

    /// <summary>A <c>json</c> parameter holding the text as given, so PostgreSQL keeps it character for character.</summary>
    public static NpgsqlParameter Json(string name, string text) => new(name, NpgsqlDbType.Json) { Value = text };

    /// <summary>A <c>json</c> parameter holding an element's raw text.</summary>
    public static NpgsqlParameter Json(string name, JsonElement value) => Json(name, value.GetRawText());

    /// <summary>A nullable <c>timestamptz</c>: the configured clock's stamp, or NULL to use <c>coalesce(@name, now())</c>.</summary>
    public static NpgsqlParameter Stamp(string name, DateTimeOffset? stamp) =>
        new(name, NpgsqlDbType.TimestampTz) { Value = stamp is { } value ? value : DBNull.Value };

    /// <summary>Throws a clear error for text PostgreSQL cannot store (it rejects U+0000 in <c>text</c>).</summary>
    public static void ThrowIfUnstorable(string? text, string what, string parameterName)
    {
        if (text is not null && text.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The {what} contains the character U+0000, which PostgreSQL cannot store in a text column.", parameterName);
        }
    }
}
