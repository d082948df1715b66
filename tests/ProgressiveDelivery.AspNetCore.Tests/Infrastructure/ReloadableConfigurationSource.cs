using System.Collections.Generic;
using Microsoft.Extensions.Configuration;

namespace ProgressiveDelivery.AspNetCore.Tests.Infrastructure;

/// <summary>An in-memory configuration source whose data a test replaces and reloads on demand (deterministic reloads).</summary>
internal sealed class ReloadableConfigurationSource(IDictionary<string, string?> initial) : IConfigurationSource
{
    public Provider Instance { get; } = new(initial);

    public IConfigurationProvider Build(IConfigurationBuilder builder) => Instance;

    public sealed class Provider(IDictionary<string, string?> initial) : ConfigurationProvider
    {
        public override void Load() => Data = new Dictionary<string, string?>(initial, System.StringComparer.OrdinalIgnoreCase);

        public void Replace(IDictionary<string, string?> data)
        {
            Data = new Dictionary<string, string?>(data, System.StringComparer.OrdinalIgnoreCase);
            OnReload();
        }
    }
}
