using System;
using System.Collections.Generic;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.Extensions.Primitives;
using ProgressiveDelivery.Evaluation;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>Resolving the unit of a request and building its evaluation context.</summary>
internal sealed partial class ProgressiveDeliveryRuntime
{
    private const int MaxUnitLength = 256;
    private const int CookieIdBytes = 16;

    private string? _unitClaimType;
    private string? _unitHeaderName;
    private bool _useCookie;
    private string _cookieName = string.Empty;
    private TimeSpan _cookieMaxAge;
    private KeyValuePair<string, string>[] _claimAttributes = [];
    private KeyValuePair<string, string>[] _headerAttributes = [];
    private Action<HttpContext, EvaluationContextBuilder>? _configureContext;
    private bool _hasAttributes;
    private bool _needsUser;

    private void InitializeUnits(ProgressiveDeliveryOptions settings)
    {
        _unitClaimType = settings.UnitClaimType;
        _unitHeaderName = settings.UnitHeaderName;
        _useCookie = settings.UseAnonymousCookie;
        _cookieName = settings.CookieName;
        _cookieMaxAge = settings.CookieMaxAge;
        _claimAttributes = new List<KeyValuePair<string, string>>(settings.ClaimAttributes).ToArray();
        _headerAttributes = new List<KeyValuePair<string, string>>(settings.HeaderAttributes).ToArray();
        _configureContext = settings.ConfigureContext;
        _hasAttributes = _claimAttributes.Length > 0 || _headerAttributes.Length > 0 || _configureContext is not null;
        _needsUser = _unitClaimType is not null || _claimAttributes.Length > 0;
    }

    /// <summary>Creates the feature for a request, with its unit and context resolved (not yet in the request's features).</summary>
    public ProgressiveDeliveryFeature CreateFeature(HttpContext context)
    {
        // The authentication feature, not HttpContext.User: the latter creates an empty principal for anonymous requests.
        // Only when a claim names the unit or feeds an attribute; through the indexer, not the generic virtual Get<T>.
        var user = _needsUser ? (context.Features[typeof(IHttpAuthenticationFeature)] as IHttpAuthenticationFeature)?.User : null;
        var unitId = ResolveUnit(context, user);
        var evaluationContext = _hasAttributes
            ? BuildContext(context, user, unitId)
            : unitId is null ? EvaluationContext.Empty : EvaluationContext.ForUnit(unitId);
        return new ProgressiveDeliveryFeature(this, unitId, evaluationContext);
    }

    private string? ResolveUnit(HttpContext context, ClaimsPrincipal? user)
    {
        if (_unitClaimType is not null && user?.Identity is { IsAuthenticated: true }
            && user.FindFirst(_unitClaimType)?.Value is { Length: > 0 and <= MaxUnitLength } claimUnit)
        {
            return claimUnit;
        }

        if (_unitHeaderName is not null && SingleValue(context.Request.Headers[_unitHeaderName]) is { } headerUnit)
        {
            return headerUnit;
        }

        if (!_useCookie)
        {
            return null;
        }

        if (context.Request.Cookies[_cookieName] is { } cookieUnit && IsCookieId(cookieUnit))
        {
            return cookieUnit;
        }

        var issued = NewCookieId();
        if (!context.Response.HasStarted)
        {
            context.Response.Cookies.Append(_cookieName, issued, new CookieOptions
            {
                HttpOnly = true,
                Secure = context.Request.IsHttps,
                SameSite = SameSiteMode.Lax,
                Path = "/",
                MaxAge = _cookieMaxAge,
            });
        }

        return issued;
    }

    private EvaluationContext BuildContext(HttpContext context, ClaimsPrincipal? user, string? unitId)
    {
        var builder = new EvaluationContextBuilder(unitId);
        if (user is not null)
        {
            foreach (var (attribute, claimType) in _claimAttributes)
            {
                List<string>? values = null;
                foreach (var claim in user.FindAll(claimType))
                {
                    (values ??= []).Add(claim.Value);
                }

                if (values is { Count: 1 })
                {
                    builder.Set(attribute, values[0]);
                }
                else if (values is not null)
                {
                    builder.Set(attribute, values);
                }
            }
        }

        foreach (var (attribute, headerName) in _headerAttributes)
        {
            if (SingleValue(context.Request.Headers[headerName]) is { } value)
            {
                builder.Set(attribute, value);
            }
        }

        _configureContext?.Invoke(context, builder);
        return builder.Build();
    }

    private static string? SingleValue(StringValues values) =>
        values.Count == 1 && values[0] is { Length: > 0 and <= MaxUnitLength } value ? value : null;

    /// <summary>Whether a cookie value looks like an id this package issued (1 to 64 of [A-Za-z0-9_-]); anything else is replaced.</summary>
    internal static bool IsCookieId(string value)
    {
        if (value.Length is 0 or > 64)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private static string NewCookieId()
    {
        Span<byte> bytes = stackalloc byte[CookieIdBytes];
        RandomNumberGenerator.Fill(bytes);
#if NET9_0_OR_GREATER
        return Convert.ToHexStringLower(bytes);
#else
        return Convert.ToHexString(bytes).ToLowerInvariant();
#endif
    }
}
