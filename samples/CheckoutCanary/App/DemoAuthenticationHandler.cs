using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CheckoutCanary.App;

/// <summary>
/// Stand-in sign-in for the demo: <c>Authorization: Bearer &lt;user id&gt;</c> signs the request in as that user
/// (claim <see cref="ClaimTypes.NameIdentifier"/>, which ProgressiveDelivery uses as the unit). Ids starting with
/// <c>admin-</c> are release managers, the role the admin endpoints require. Never use this outside a demo.
/// </summary>
internal sealed class DemoAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Demo";
    public const string ReleaseManagerRole = "release-manager";
    public const string AdminPrefix = "admin-";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", System.StringComparison.Ordinal))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var userId = header["Bearer ".Length..].Trim();
        if (userId.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.Fail("The bearer token (a user id) is empty."));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(SignedIn(userId, SchemeName), SchemeName)));
    }

    /// <summary>The user <paramref name="userId"/> signed in by <paramref name="authenticationType"/>; <c>admin-</c> ids are release managers.</summary>
    public static ClaimsPrincipal SignedIn(string userId, string authenticationType)
    {
        var identity = new ClaimsIdentity(authenticationType, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, userId));
        identity.AddClaim(new Claim(ClaimTypes.Name, userId));
        if (userId.StartsWith(AdminPrefix, System.StringComparison.Ordinal))
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, ReleaseManagerRole));
        }

        return new ClaimsPrincipal(identity);
    }
}
