using System;
using ProgressiveDelivery.Rollouts.Audit;

namespace ProgressiveDelivery.Tests.Rollouts.Audit;

public sealed class InMemoryAuditLogTests : AuditLogContractTests
{
    protected override AuditLog CreateLog(TimeProvider timeProvider) => new InMemoryAuditLog(timeProvider);

    [Fact]
    public void Constructor_NullTimeProvider_Throws() => Assert.Throws<ArgumentNullException>(() => new InMemoryAuditLog(null!));
}
