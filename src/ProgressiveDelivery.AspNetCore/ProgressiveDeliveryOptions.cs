using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using ProgressiveDelivery.Evaluation;
using ProgressiveDelivery.Flags;
using ProgressiveDelivery.Rollouts.Plans;

namespace ProgressiveDelivery.AspNetCore;

/// <summary>
/// Settings of the ASP.NET Core integration. Bound from the <c>ProgressiveDelivery</c> configuration section (the same
/// section holds the <c>flags</c> and <c>segments</c> in the JSON format), validated at start-up and read once when the
/// application starts; flag definitions, not these settings, reload live.
/// </summary>
/// <remarks>
/// The unit (the id a flag is bucketed by) is resolved per request from, in order: the claim <see cref="UnitClaimType"/>
/// of an authenticated user, the header <see cref="UnitHeaderName"/>, then the sticky cookie <see cref="CookieName"/>
/// when <see cref="UseAnonymousCookie"/>. Set a source to <see langword="null"/> (or the cookie off) to skip it.
/// </remarks>
public sealed class ProgressiveDeliveryOptions
{
    /// <summary>The default configuration section: <c>ProgressiveDelivery</c>.</summary>
    public const string DefaultSectionName = "ProgressiveDelivery";

    /// <summary>The claim type that holds the unit id of an authenticated user, or <see langword="null"/> to ignore claims.</summary>
    /// <value>The default value is <see cref="ClaimTypes.NameIdentifier"/>.</value>
    public string? UnitClaimType { get; set; } = ClaimTypes.NameIdentifier;

    /// <summary>A request header that holds the unit id (e.g. a device or tenant id sent by a client), or <see langword="null"/>.</summary>
    /// <value>The default value is <see langword="null"/>: no header.</value>
    public string? UnitHeaderName { get; set; }

    /// <summary>Whether a unit that has no claim or header gets a random id kept in a first-party cookie, so an anonymous user keeps its variant.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool UseAnonymousCookie { get; set; } = true;

    /// <summary>The name of the sticky unit cookie (HttpOnly, SameSite=Lax, Secure on HTTPS, set only when a flag is evaluated for an anonymous unit).</summary>
    /// <value>The default value is <c>.ProgressiveDelivery.Unit</c>.</value>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$", ErrorMessage = "The field CookieName must be a cookie name token (letters, digits and !#$%&'*+.^_`|~-).")]
    public string CookieName { get; set; } = ".ProgressiveDelivery.Unit";

    /// <summary>How long the sticky unit cookie lives.</summary>
    /// <value>The default value is 365 days.</value>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00", ErrorMessage = "The field CookieMaxAge must be between 1 second and 3650 days.")]
    public TimeSpan CookieMaxAge { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Context attributes read from claims of the user: attribute name to claim type (several claims make a string list).</summary>
    /// <value>The default value is an empty dictionary.</value>
    public IDictionary<string, string> ClaimAttributes { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Context attributes read from request headers: attribute name to header name (string attributes).</summary>
    /// <value>The default value is an empty dictionary.</value>
    public IDictionary<string, string> HeaderAttributes { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Adds further context attributes per request, after the claim and header attributes; the targeting key is already set.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Action<HttpContext, EvaluationContextBuilder>? ConfigureContext { get; set; }

    /// <summary>What a request to an endpoint whose gate is closed receives.</summary>
    /// <value>The default value is <see cref="ClosedGateBehavior.NotFound"/>.</value>
    public ClosedGateBehavior ClosedGate { get; set; } = ClosedGateBehavior.NotFound;

    /// <summary>The URL a closed gate redirects to when <see cref="ClosedGate"/> is <see cref="ClosedGateBehavior.Redirect"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? ClosedGateRedirectUrl { get; set; }

    /// <summary>The handler of a request to a closed gate when <see cref="ClosedGate"/> is <see cref="ClosedGateBehavior.Fallback"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public RequestDelegate? ClosedGateFallback { get; set; }

    /// <summary>
    /// The authorization policy a caller must pass for its overrides (<see cref="OverrideHeaderName"/>,
    /// <see cref="OverrideCookieName"/>) to be honoured, or <see langword="null"/> to ignore every override.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: overrides are off.</value>
    public string? OverridePolicy { get; set; }

    /// <summary>The header carrying overrides for testers: <c>flag=variant,other=variant</c>.</summary>
    /// <value>The default value is <c>X-Feature-Override</c>.</value>
    public string? OverrideHeaderName { get; set; } = "X-Feature-Override";

    /// <summary>A cookie carrying overrides in the same format as the header (the header wins), or <see langword="null"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? OverrideCookieName { get; set; }

    /// <summary>
    /// Flags evaluated, exposed and measured (request count, errors, duration per variant) on every request that reaches
    /// the middleware, gated or not: typically the flags of a rollout whose code paths are inside handlers.
    /// </summary>
    /// <value>The default value is an empty list.</value>
    public IList<string> MeasuredFlags { get; } = new List<string>();

    /// <summary>
    /// A JSON file with the definitions (the documented format), watched for changes. When set, it is used instead of the
    /// <c>flags</c> and <c>segments</c> of the configuration section.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: definitions come from configuration.</value>
    public string? FilePath { get; set; }

    /// <summary>
    /// Whether definitions that fail to load at start (invalid, or an unreadable file) fail start-up. When
    /// <see langword="false"/>, the application starts without flags instead (every evaluation returns the caller's
    /// default with <c>flag_not_found</c>), logs every error (event 11, Critical), reports Unhealthy through
    /// <c>AddProgressiveDeliveryHealthChecks</c>, and installs the first valid reload.
    /// </summary>
    /// <value>The default value is <see langword="true"/>: a bad document fails start-up with every error.</value>
    public bool FailStartOnInvalidDefinitions { get; set; } = true;

    /// <summary>
    /// The directory (relative to the content root, or absolute) where rollout state and the audit log are kept by the
    /// default <see cref="Rollouts.Persistence.FileRolloutStore"/> and <see cref="Rollouts.Audit.FileAuditLog"/>. Used only
    /// when the definitions have rollouts at start and no <see cref="Rollouts.Persistence.RolloutStore"/> /
    /// <see cref="Rollouts.Audit.AuditLog"/> is registered; otherwise state lives in memory.
    /// </summary>
    /// <value>The default value is <c>.progressive-delivery</c>.</value>
    [Required(AllowEmptyStrings = false)]
    public string RolloutStateDirectory { get; set; } = ".progressive-delivery";

    /// <summary>How often the background driver ticks every rollout (<see cref="Rollouts.RolloutManager.TickAsync"/>).</summary>
    /// <value>The default value is 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ErrorMessage = "The field RolloutTickInterval must be between 1 millisecond and 1 day.")]
    public TimeSpan RolloutTickInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The authorization policy a caller must pass to use the admin endpoints (<c>MapProgressiveDeliveryAdmin</c>).</summary>
    /// <value>The default value is <see langword="null"/>: mapping the admin endpoints fails unless <see cref="AllowAnonymousAdmin"/>.</value>
    public string? AdminPolicy { get; set; }

    /// <summary>
    /// Whether the admin endpoints may be mapped without <see cref="AdminPolicy"/>, open to anyone (a local tool, or an
    /// app that protects the route otherwise). Commands by an anonymous caller are audited with the actor <c>anonymous</c>.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AllowAnonymousAdmin { get; set; }

    /// <summary>
    /// Whether <c>MapProgressiveDeliveryAdmin</c> also serves the dashboard (<c>GET {prefix}/dashboard</c>: rollouts, each
    /// rollout's history and audit log with its commands, flags), under the same prefix and authorization policy.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool EnableDashboard { get; set; } = true;

    /// <summary>
    /// How long a flag may serve one variant to every unit (disabled, at 100% of one variant, or its rollout ended) before
    /// it is reported stale, ready to be removed from the code: in the admin <c>GET {prefix}/flags</c> JSON
    /// (<c>staleness</c>), on the dashboard's Flags page, and as a warning at start (event 13). A flag past its
    /// <c>expires</c> date is stale too. For a flag whose rollout ended, the time counts from the end (stored with the
    /// rollout); for any other, from when it was first recorded serving that variant (a clock kept in the rollout store,
    /// shared by restarts and replicas).
    /// </summary>
    /// <value>The default value is 7 days (LaunchDarkly's "launched" flags: one variation served for 7 days).</value>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00")]
    public TimeSpan SingleVariantStaleAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Rollouts built in code with <see cref="Rollouts(Action{RolloutSetBuilder})"/>; they replace the document's <c>rollouts</c>.</summary>
    internal RolloutSet? CodeRollouts { get; private set; }

    /// <summary>Definitions built in code with <see cref="Flags"/>; they win over <see cref="FilePath"/> and configuration, and never reload.</summary>
    internal FlagSet? CodeFlags { get; private set; }

    /// <summary>The configuration section the definitions come from; set by the registration overloads.</summary>
    internal IConfigurationSection? DefinitionsSection { get; set; }

    /// <summary>Whether Microsoft.FeatureManagement configuration is read too (<see cref="ReadFeatureManagementConfiguration()"/>).</summary>
    internal bool ReadsFeatureManagement { get; private set; }

    /// <summary>The configuration FM's sections are read from, or <see langword="null"/> for the application's <see cref="IConfiguration"/>.</summary>
    internal IConfiguration? FeatureManagementConfiguration { get; private set; }

    /// <summary>
    /// Also reads the Microsoft.FeatureManagement configuration of the application, as it is (<c>feature_management</c>
    /// and the older <c>FeatureManagement</c> section), so that each of its features is a flag that answers exactly as
    /// FM 4.x did, for every user: <c>{name}</c> is on when FM's <c>IsEnabledAsync</c> was true, and
    /// <c>{name}.variant</c> serves the variant of FM's <c>GetVariantAsync</c>. It reloads with the configuration. The
    /// targeting context is the unit (FM's <c>UserId</c>) and the string-list attribute <c>groups</c> (its <c>Groups</c>).
    /// </summary>
    /// <remarks>
    /// A feature that cannot be evaluated (a custom filter, or settings FM rejects when evaluating) is left out and
    /// logged as an error naming the feature, the filter or setting and its configuration path; every other feature
    /// loads. A feature whose flag key is also defined in the <c>flags</c> section fails start-up (<c>duplicate_key</c>).
    /// </remarks>
    /// <returns>These options.</returns>
    public ProgressiveDeliveryOptions ReadFeatureManagementConfiguration()
    {
        ReadsFeatureManagement = true;
        return this;
    }

    /// <summary>Also reads Microsoft.FeatureManagement configuration from <paramref name="configuration"/> (see <see cref="ReadFeatureManagementConfiguration()"/>).</summary>
    /// <param name="configuration">The configuration whose <c>feature_management</c> and <c>FeatureManagement</c> sections hold the features.</param>
    /// <returns>These options.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configuration"/> is <see langword="null"/>.</exception>
    public ProgressiveDeliveryOptions ReadFeatureManagementConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        FeatureManagementConfiguration = configuration;
        ReadsFeatureManagement = true;
        return this;
    }

    /// <summary>Defines the flags in code instead of configuration; the set is validated at start-up like a file.</summary>
    /// <param name="configure">Builds the flags and segments.</param>
    /// <returns>These options.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is <see langword="null"/>.</exception>
    public ProgressiveDeliveryOptions Flags(Action<FlagSetBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new FlagSetBuilder();
        configure(builder);
        CodeFlags = builder.Build();
        return this;
    }

    /// <summary>
    /// Defines the rollouts in code instead of the definitions' <c>rollouts</c> section; they are validated against the
    /// flags at start-up and at each reload.
    /// </summary>
    /// <param name="configure">Builds the rollouts.</param>
    /// <returns>These options.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is <see langword="null"/>.</exception>
    public ProgressiveDeliveryOptions Rollouts(Action<RolloutSetBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new RolloutSetBuilder();
        configure(builder);
        CodeRollouts = builder.Build();
        return this;
    }
}
