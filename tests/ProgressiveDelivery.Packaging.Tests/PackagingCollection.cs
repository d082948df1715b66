namespace ProgressiveDelivery.Packaging.Tests;

/// <summary>The tests that share one <c>dotnet pack</c> of the three packages (and one build of the consumer).</summary>
[CollectionDefinition(Name)]
public sealed class PackagingCollection : ICollectionFixture<PackagingFixture>
{
    public const string Name = "Packaging";
}
