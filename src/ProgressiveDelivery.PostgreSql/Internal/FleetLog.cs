using System;
using Microsoft.Extensions.Logging;

namespace ProgressiveDelivery.PostgreSql.Internal;

/// <summary>The fleet's log messages.</summary>
internal static partial class FleetLog
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Fleet {Loop} failed; retrying (the replica keeps serving the weights it applied).")]
    public static partial void LoopFailed(ILogger logger, string loop, Exception exception);
}
