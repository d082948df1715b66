namespace ProgressiveDelivery.PostgreSql.Tests.Infrastructure;

/// <summary>The tests sharing one <see cref="PostgresServer"/>; they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
