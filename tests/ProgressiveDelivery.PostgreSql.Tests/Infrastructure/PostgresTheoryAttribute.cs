namespace ProgressiveDelivery.PostgreSql.Tests.Infrastructure;

/// <summary>A theory that needs PostgreSQL; skipped like <see cref="PostgresFactAttribute"/>.</summary>
public sealed class PostgresTheoryAttribute : Xunit.TheoryAttribute
{
    public PostgresTheoryAttribute() => Skip = PostgresBinaries.SkipReason;
}
