using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.FeatureManagement.FeatureFilters;

namespace CheckoutCanary.LoadBenchmark;

/// <summary>
/// Microsoft.FeatureManagement's targeting context from the same header ours reads the unit from
/// (its documented pattern: an <see cref="ITargetingContextAccessor"/> over <see cref="IHttpContextAccessor"/>).
/// </summary>
internal sealed class HeaderTargetingContextAccessor(IHttpContextAccessor httpContextAccessor) : ITargetingContextAccessor
{
    private static readonly string[] NoGroups = [];

    public ValueTask<TargetingContext> GetContextAsync()
    {
        var userId = httpContextAccessor.HttpContext?.Request.Headers[CheckoutEndpoint.UnitHeader].ToString();
        return ValueTask.FromResult(new TargetingContext { UserId = userId, Groups = NoGroups });
    }
}
