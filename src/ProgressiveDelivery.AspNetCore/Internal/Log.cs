using System;
using Microsoft.Extensions.Logging;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>The log messages of the integration (source-generated).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Flag definitions loaded from {Source}: {FlagCount} flags.")]
    public static partial void DefinitionsLoaded(ILogger logger, string source, int flagCount);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Flag definitions from {Source} were rejected; the last good definitions stay active. {Errors}")]
    public static partial void ReloadRejected(ILogger logger, string source, string errors);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Reloading flag definitions from {Source} failed; the last good definitions stay active.")]
    public static partial void ReloadFailed(ILogger logger, string source, Exception exception);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "An evaluation hook threw; the evaluation was not affected.")]
    public static partial void HookFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "Rollout {RolloutId} failed to tick; the other rollouts were ticked and it is tried again at the next tick.")]
    public static partial void RolloutTickFailed(ILogger logger, string rolloutId, Exception exception);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "Ticking the rollouts failed; the driver keeps ticking.")]
    public static partial void TickFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "Reloaded rollouts were rejected; the last good rollouts stay active. {Errors}")]
    public static partial void RolloutsRejected(ILogger logger, string errors);

    [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "Loading reloaded rollouts failed; the last good rollouts stay active.")]
    public static partial void RolloutsLoadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "Rollouts loaded: {RolloutCount}.")]
    public static partial void RolloutsLoaded(ILogger logger, int rolloutCount);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "{Notice}")]
    public static partial void RolloutNotice(ILogger logger, string notice);

    [LoggerMessage(EventId = 11, Level = LogLevel.Critical, Message = "Flag definitions from {Source} failed to load at start; the application runs without flags (every evaluation returns its default) until a valid reload. {Errors}")]
    public static partial void StartedWithoutDefinitions(ILogger logger, string source, string errors);

    [LoggerMessage(EventId = 12, Level = LogLevel.Error, Message = "A Microsoft.FeatureManagement feature was left out; every other feature is loaded. {Error}")]
    public static partial void FeatureManagementFeatureSkipped(ILogger logger, string error);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Flag {FlagKey} is stale: {Why}. Remove it from the code and the definitions.")]
    public static partial void StaleFlag(ILogger logger, string flagKey, string why);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "The clock of stale flags is kept in memory only, so a restart starts it again: {Why}.")]
    public static partial void FlagClockInMemory(ILogger logger, string why);

    [LoggerMessage(EventId = 15, Level = LogLevel.Warning, Message = "Reading or writing the clock of stale flags in the rollout store failed; it runs in memory and is written when the store answers again.")]
    public static partial void FlagClockFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 16, Level = LogLevel.Information, Message = "The clock of stale flags is written to the rollout store again.")]
    public static partial void FlagClockRecovered(ILogger logger);
}
