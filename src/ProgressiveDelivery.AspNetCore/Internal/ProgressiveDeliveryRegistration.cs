using Microsoft.Extensions.Configuration;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>Marks a service collection as set up by <c>AddProgressiveDelivery</c> and remembers an explicit configuration section.</summary>
internal sealed class ProgressiveDeliveryRegistration
{
    /// <summary>The section given to <c>AddProgressiveDelivery(IConfigurationSection)</c> (the last one wins), or <see langword="null"/> for the default section.</summary>
    public IConfigurationSection? Section { get; set; }

    /// <summary>
    /// The definitions loader once built, or <see langword="null"/>: it is built only when our <see cref="Evaluation.FlagEvaluator"/>
    /// is (an application or test that registers its own evaluator has no definitions, hence no rollouts, from us).
    /// </summary>
    public FlagDefinitionsLoader? Loader { get; set; }
}
