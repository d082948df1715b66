using System;
using ProgressiveDelivery.Rollouts.Persistence;

namespace ProgressiveDelivery.Tests.Rollouts.Persistence;

public sealed class InMemoryRolloutStoreTests : RolloutStoreContractTests
{
    protected override RolloutStore CreateStore(TimeProvider timeProvider) => new InMemoryRolloutStore(timeProvider);

    [Fact]
    public void Constructor_NullTimeProvider_Throws() =>
        Assert.Throws<ArgumentNullException>(() => new InMemoryRolloutStore(null!));
}
