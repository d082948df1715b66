using System;
using System.Collections.Generic;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>What the health contributors found: the worst status so far, one line per problem, and the data.</summary>
internal sealed class HealthFindings
{
    private readonly List<string> _problems = [];
    private readonly Dictionary<string, object> _data = new(StringComparer.Ordinal);

    public HealthStatus Status { get; private set; } = HealthStatus.Healthy;

    /// <summary>Records a problem: the status it warrants (the worst wins), a line for the description, and its data.</summary>
    public void Report(HealthStatus status, string problem, string dataKey, object dataValue)
    {
        if (status < Status)
        {
            Status = status; // Unhealthy (0) < Degraded (1) < Healthy (2)
        }

        _problems.Add(problem);
        _data[dataKey] = dataValue;
    }

    /// <summary>Adds data that is not a problem (e.g. what was checked).</summary>
    public void Add(string dataKey, object dataValue) => _data[dataKey] = dataValue;

    public HealthCheckResult ToResult() => new(
        Status,
        _problems.Count == 0 ? "Flag definitions loaded; no rollout needs attention." : string.Join(" ", _problems),
        exception: null,
        data: _data);
}
