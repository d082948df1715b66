namespace ProgressiveDelivery.PostgreSql.Tests.Infrastructure;

/// <summary>
/// A fact that needs PostgreSQL: skipped when its binaries are missing, unless <c>CI=true</c>, where the test runs and
/// fails (CI must never pass by skipping). xunit 2 has no dynamic skip, so the decision is made here.
/// </summary>
public sealed class PostgresFactAttribute : Xunit.FactAttribute
{
    public PostgresFactAttribute() => Skip = PostgresBinaries.SkipReason;
}
