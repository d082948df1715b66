using System;
using System.Text.Json;

namespace ProgressiveDelivery.PostgreSql.Internal;

/// <summary>A runtime change to a flag (for example a kill switch), as stored: opaque JSON, versioned per flag.</summary>
internal sealed record FlagChange(string FlagKey, long Version, JsonElement Change, string Actor, DateTimeOffset UpdatedAt);
