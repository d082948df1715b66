using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;

namespace ProgressiveDelivery.AspNetCore;

/// <summary>Collects the handler of each variant for <c>MapVariants</c>: <c>v => v.Variant("on", NewCheckout).Variant("off", OldCheckout)</c>.</summary>
public sealed class VariantHandlerBuilder
{
    private readonly IServiceProvider _services;
    private readonly List<string> _variants = [];
    private readonly List<RequestDelegate> _handlers = [];

    internal VariantHandlerBuilder(IServiceProvider services)
    {
        _services = services;
    }

    internal IReadOnlyList<string> Variants => _variants;

    internal IReadOnlyList<RequestDelegate> Handlers => _handlers;

    internal RequestDelegate? OtherwiseHandler { get; private set; }

    internal string[]? HttpMethods { get; private set; }

    /// <summary>Serves <paramref name="variant"/> with a request delegate.</summary>
    /// <param name="variant">The variant name.</param>
    /// <param name="handler">The handler.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="variant"/> is <see langword="null"/>, empty or already mapped.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is <see langword="null"/>.</exception>
    public VariantHandlerBuilder Variant(string variant, RequestDelegate handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(variant);
        ArgumentNullException.ThrowIfNull(handler);
        if (_variants.Contains(variant))
        {
            throw new ArgumentException($"The variant '{variant}' already has a handler.", nameof(variant));
        }

        _variants.Add(variant);
        _handlers.Add(handler);
        return this;
    }

    /// <summary>Serves <paramref name="variant"/> with a minimal-API handler (parameters bound as for <c>MapGet</c>).</summary>
    /// <param name="variant">The variant name.</param>
    /// <param name="handler">The handler.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="variant"/> is <see langword="null"/>, empty or already mapped.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is <see langword="null"/>.</exception>
    [RequiresUnreferencedCode("Minimal-API handlers bind parameters by reflection; use the RequestDelegate overload for trimmed apps.")]
    [RequiresDynamicCode("Minimal-API handlers bind parameters with generated code; use the RequestDelegate overload for native AOT.")]
    public VariantHandlerBuilder Variant(string variant, Delegate handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Variant(variant, Compile(handler));
    }

    /// <summary>Serves every other variant, and evaluation errors, with a request delegate (without it they get the closed-gate answer).</summary>
    /// <param name="handler">The handler.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is <see langword="null"/>.</exception>
    public VariantHandlerBuilder Otherwise(RequestDelegate handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        OtherwiseHandler = handler;
        return this;
    }

    /// <summary>Serves every other variant, and evaluation errors, with a minimal-API handler.</summary>
    /// <param name="handler">The handler.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="handler"/> is <see langword="null"/>.</exception>
    [RequiresUnreferencedCode("Minimal-API handlers bind parameters by reflection; use the RequestDelegate overload for trimmed apps.")]
    [RequiresDynamicCode("Minimal-API handlers bind parameters with generated code; use the RequestDelegate overload for native AOT.")]
    public VariantHandlerBuilder Otherwise(Delegate handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Otherwise(Compile(handler));
    }

    /// <summary>Restricts the route to HTTP methods (by default it answers every method).</summary>
    /// <param name="httpMethods">The methods, e.g. <c>GET</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="httpMethods"/> is <see langword="null"/> or empty.</exception>
    public VariantHandlerBuilder ForMethods(params string[] httpMethods)
    {
        if (httpMethods is null || httpMethods.Length == 0)
        {
            throw new ArgumentException("Give at least one HTTP method.", nameof(httpMethods));
        }

        HttpMethods = httpMethods;
        return this;
    }

    [RequiresUnreferencedCode("Minimal-API handlers bind parameters by reflection.")]
    [RequiresDynamicCode("Minimal-API handlers bind parameters with generated code.")]
    private RequestDelegate Compile(Delegate handler) =>
        RequestDelegateFactory.Create(handler, new RequestDelegateFactoryOptions { ServiceProvider = _services }).RequestDelegate;
}
