namespace ProgressiveDelivery.PostgreSql.Internal;

/// <summary>One versioned step of the schema; its SQL names the schema as <c>{schema}</c>.</summary>
internal sealed record PostgreSqlMigration(int Version, string Description, string Sql)
{
    /// <summary>The SQL with the (quoted) schema filled in.</summary>
    public string Render(PostgreSqlSettings settings) => Sql.Replace("{schema}", settings.QuotedSchema, System.StringComparison.Ordinal);
}
