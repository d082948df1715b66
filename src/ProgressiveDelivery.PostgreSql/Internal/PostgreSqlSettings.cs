using System;
using System.Globalization;

namespace ProgressiveDelivery.PostgreSql.Internal;

/// <summary>The validated, immutable copy of <see cref="PostgreSqlStoreOptions"/>, with the SQL names derived from the schema.</summary>
internal sealed class PostgreSqlSettings
{
    /// <summary>PostgreSQL's identifiers are at most 63 bytes; the channel adds <c>_changes</c> (8).</summary>
    public const int MaxSchemaLength = 63 - 8;

    private PostgreSqlSettings(string schema, TimeProvider? timeProvider)
    {
        Schema = schema;
        QuotedSchema = "\"" + schema + "\"";
        Channel = schema + "_changes";
        TimeProvider = timeProvider;
    }

    /// <summary>The schema name, as validated (needs no escaping).</summary>
    public string Schema { get; }

    /// <summary>The schema as a quoted SQL identifier, to prefix table names with.</summary>
    public string QuotedSchema { get; }

    /// <summary>The NOTIFY channel every change is announced on: <c>{schema}_changes</c>.</summary>
    public string Channel { get; }

    /// <summary>The clock for stamps, or <see langword="null"/> for the database's <c>now()</c>.</summary>
    public TimeProvider? TimeProvider { get; }

    public static PostgreSqlSettings From(PostgreSqlStoreOptions? options, string parameterName)
    {
        options ??= new PostgreSqlStoreOptions();
        var error = ValidateSchema(options.Schema);
        if (error is not null)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"PostgreSqlStoreOptions.Schema '{options.Schema}' is not a valid schema name: {error}."),
                parameterName);
        }

        return new PostgreSqlSettings(options.Schema, options.TimeProvider);
    }

    /// <summary>Stamps a write: the configured clock truncated to whole microseconds, or null for the database's clock.</summary>
    public DateTimeOffset? Stamp()
    {
        if (TimeProvider is null)
        {
            return null;
        }

        var now = TimeProvider.GetUtcNow().UtcDateTime;
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }

    /// <summary>Prefixes a table name with the quoted schema: <c>"schema".name</c>.</summary>
    public string Table(string name) => QuotedSchema + "." + name;

    private static string? ValidateSchema(string? schema)
    {
        if (string.IsNullOrEmpty(schema))
        {
            return "it is empty";
        }

        if (schema.Length > MaxSchemaLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"it has {schema.Length} characters, more than {MaxSchemaLength}");
        }

        if (!char.IsAsciiLetterLower(schema[0]) && schema[0] != '_')
        {
            return "it must start with a lower-case letter or '_'";
        }

        foreach (var c in schema)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '_')
            {
                return string.Create(CultureInfo.InvariantCulture, $"'{c}' is not allowed; use [a-z0-9_]");
            }
        }

        return schema.StartsWith("pg_", StringComparison.Ordinal) ? "names starting with 'pg_' are reserved by PostgreSQL" : null;
    }
}
