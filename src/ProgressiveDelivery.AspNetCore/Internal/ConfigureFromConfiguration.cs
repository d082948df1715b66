using System;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>
/// Binds <see cref="ProgressiveDeliveryOptions"/> from the explicit section, or from the <c>ProgressiveDelivery</c>
/// section of the application's <see cref="IConfiguration"/> when there is one, and takes the definitions from it.
/// Runs before the <c>Action&lt;ProgressiveDeliveryOptions&gt;</c> callbacks, so code wins over configuration.
/// </summary>
internal sealed class ConfigureFromConfiguration(ProgressiveDeliveryRegistration registration, IServiceProvider services)
    : IConfigureOptions<ProgressiveDeliveryOptions>
{
    public void Configure(ProgressiveDeliveryOptions options)
    {
        var section = registration.Section
            ?? services.GetService<IConfiguration>()?.GetSection(ProgressiveDeliveryOptions.DefaultSectionName);
        if (section is null)
        {
            return;
        }

        section.Bind(options);
        options.DefinitionsSection = section;
    }
}
