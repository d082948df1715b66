using Microsoft.Extensions.Options;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>Source-generated validation of the data-annotation rules of <see cref="ProgressiveDeliveryOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class ProgressiveDeliveryOptionsValidator : IValidateOptions<ProgressiveDeliveryOptions>
{
}
