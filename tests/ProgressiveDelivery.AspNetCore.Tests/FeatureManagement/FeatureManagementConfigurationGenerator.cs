using System;
using System.Collections.Generic;
using System.Globalization;

namespace ProgressiveDelivery.AspNetCore.Tests.FeatureManagement;

/// <summary>
/// Generates Microsoft.FeatureManagement configuration (flattened keys, as configuration holds it) from a seed: both
/// schemas, every built-in filter with deterministic outcomes, allocations, variants with status overrides, time windows
/// and recurrences around <see cref="Now"/>, keys and filter names in random case and alias. Only what FM 4.7.0 accepts
/// and ProgressiveDelivery supports: no custom filter, and Microsoft.Percentage only at values whose answer is certain.
/// </summary>
internal sealed class FeatureManagementConfigurationGenerator(int seed)
{
    public static readonly DateTimeOffset Now = new(2026, 3, 18, 14, 30, 0, TimeSpan.Zero); // a Wednesday

    private static readonly string[] TargetingNames = ["Microsoft.Targeting", "Targeting", "targeting", "MICROSOFT.TARGETING"];
    private static readonly string[] PercentageNames = ["Microsoft.Percentage", "Percentage", "percentage"];
    private static readonly string[] TimeWindowNames = ["Microsoft.TimeWindow", "TimeWindow", "timewindow"];
    private static readonly TimeSpan[] Offsets = [TimeSpan.Zero, TimeSpan.FromHours(8), TimeSpan.FromHours(-5), TimeSpan.FromHours(5.5)];
    private readonly Random _random = new(seed);

    public static string[] GroupPool { get; } = ["beta", "Beta", "staff", "eu", "us", "insiders", "ring0", "ring1"];

    public static string UserId(int index) => (index % 7) switch
    {
        0 => $"user-{index}@contoso.com",
        1 => $"User-{index}",
        2 => $"\u00FCser-{index}",
        _ => $"user-{index}",
    };

    /// <summary>Random groups of a user, from <see cref="GroupPool"/>: none, one or several (a few users have none).</summary>
    public string[] Groups()
    {
        var count = _random.Next(4);
        var groups = new string[count];
        for (var i = 0; i < count; i++)
        {
            groups[i] = Pick(GroupPool);
        }

        return groups;
    }

    /// <summary>The configuration of <paramref name="count"/> features, and each feature's name as it is queried.</summary>
    public (Dictionary<string, string?> Settings, List<string> Names) Features(int count, int users)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        var current = 0;
        var dotnet = 0;
        for (var i = 0; i < count; i++)
        {
            var name = "Feature" + i.ToString(CultureInfo.InvariantCulture) + (i % 5 == 0 ? ".Beta" : i % 7 == 0 ? "_v2" : string.Empty);
            names.Add(name);
            if (_random.Next(100) < 15)
            {
                DotnetFeature(settings, Key("FeatureManagement") + ":" + name, name, users);
                dotnet++;
                continue;
            }

            // Now and then an earlier feature of the same id (FM takes the last one) or a .NET-schema one of the same name, differing in case (the current schema wins).
            if (_random.Next(100) < 4)
            {
                CurrentFeature(settings, $"{Key("feature_management")}:{Key("feature_flags")}:{current++}", name.ToUpperInvariant(), users);
            }

            if (_random.Next(100) < 4)
            {
                DotnetFeature(settings, Key("FeatureManagement") + ":" + name.ToLowerInvariant(), name, users);
            }

            CurrentFeature(settings, $"{Key("feature_management")}:{Key("feature_flags")}:{current++}", name, users);
        }

        return (settings, names);
    }

    /// <summary>Features with one time-window filter each (half of them recurring), enabled, without variants.</summary>
    public (Dictionary<string, string?> Settings, List<string> Names) TimeWindowFeatures(int count)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var name = "Window" + i.ToString(CultureInfo.InvariantCulture);
            var prefix = $"feature_management:feature_flags:{i}";
            names.Add(name);
            settings[$"{prefix}:id"] = name;
            settings[$"{prefix}:enabled"] = "true";
            settings[$"{prefix}:conditions:client_filters:0:name"] = Pick(TimeWindowNames);
            TimeWindow(settings, $"{prefix}:conditions:client_filters:0:parameters");
        }

        return (settings, names);
    }

    /// <summary>A random instant, to the minute, from 35 days before <see cref="Now"/> to 45 days after it.</summary>
    public DateTimeOffset Instant() => Now.AddMinutes(_random.Next(-60 * 24 * 35, 60 * 24 * 45));

    private void CurrentFeature(Dictionary<string, string?> settings, string prefix, string name, int users)
    {
        settings[$"{prefix}:{Key("id")}"] = name;
        var enabled = _random.Next(100);
        settings[$"{prefix}:{Key("enabled")}"] = enabled < 85 ? (enabled % 2 == 0 ? "true" : "True") : enabled < 95 ? "false" : null;
        var conditions = $"{prefix}:{Key("conditions")}";
        if (_random.Next(3) > 0)
        {
            settings[$"{conditions}:{Key("requirement_type")}"] = Pick(["Any", "All", "all", "any"]);
        }

        var filters = _random.Next(4);
        for (var f = 0; f < filters; f++)
        {
            Filter(settings, $"{conditions}:{Key("client_filters")}:{f}", Key("name"), Key("parameters"), name, users);
        }

        var variants = _random.Next(100) < 65 ? 1 + _random.Next(4) : 0;
        for (var v = 0; v < variants; v++)
        {
            var variant = $"{prefix}:{Key("variants")}:{v}";
            settings[$"{variant}:{Key("name")}"] = "V" + v.ToString(CultureInfo.InvariantCulture);
            if (_random.Next(2) == 0)
            {
                settings[$"{variant}:{Key("configuration_value")}"] = "value-" + v.ToString(CultureInfo.InvariantCulture);
            }
            else if (_random.Next(2) == 0)
            {
                settings[$"{variant}:{Key("configuration_value")}:color"] = "red";
            }

            if (_random.Next(2) == 0)
            {
                settings[$"{variant}:{Key("status_override")}"] = Pick(["None", "Enabled", "Disabled", "enabled", "disabled"]);
            }
        }

        if (variants > 0 && _random.Next(100) < 85)
        {
            Allocation(settings, $"{prefix}:{Key("allocation")}", variants, users);
        }
    }

    private void DotnetFeature(Dictionary<string, string?> settings, string prefix, string name, int users)
    {
        var kind = _random.Next(10);
        if (kind == 0)
        {
            settings[prefix] = Pick(["true", "false", "True"]);
            return;
        }

        if (kind == 1)
        {
            settings[$"{prefix}:EnabledFor"] = "true";
            return;
        }

        if (_random.Next(2) == 0)
        {
            settings[$"{prefix}:{Key("RequirementType")}"] = Pick(["Any", "All"]);
        }

        var filters = 1 + _random.Next(3);
        for (var f = 0; f < filters; f++)
        {
            Filter(settings, $"{prefix}:{Key("EnabledFor")}:{f}", Key("Name"), Key("Parameters"), name, users);
        }
    }

    private void Filter(Dictionary<string, string?> settings, string prefix, string nameKey, string parametersKey, string feature, int users)
    {
        var parameters = $"{prefix}:{parametersKey}";
        var kind = _random.Next(100);
        if (kind < 50)
        {
            settings[$"{prefix}:{nameKey}"] = Pick(TargetingNames);
            Audience(settings, $"{parameters}:{Key("Audience")}", users);
        }
        else if (kind < 62)
        {
            settings[$"{prefix}:{nameKey}"] = Pick(PercentageNames);
            settings[$"{parameters}:{Key("Value")}"] = Pick(["0", "100", "-1", "150"]);
        }
        else if (kind < 95)
        {
            settings[$"{prefix}:{nameKey}"] = Pick(TimeWindowNames);
            TimeWindow(settings, parameters);
        }
        else
        {
            settings[$"{prefix}:{nameKey}"] = Pick(["AlwaysOn", "On", "alwayson"]);
        }
    }

    private void Audience(Dictionary<string, string?> settings, string audience, int users)
    {
        for (var i = _random.Next(4) - 1; i >= 0; i--)
        {
            settings[$"{audience}:{Key("Users")}:{i}"] = UserId(_random.Next(users));
        }

        for (var i = _random.Next(4) - 1; i >= 0; i--)
        {
            settings[$"{audience}:{Key("Groups")}:{i}:{Key("Name")}"] = Pick(GroupPool);
            settings[$"{audience}:{Key("Groups")}:{i}:{Key("RolloutPercentage")}"] = Percentage();
        }

        settings[$"{audience}:{Key("DefaultRolloutPercentage")}"] = Percentage();
        if (_random.Next(3) == 0)
        {
            for (var i = _random.Next(4) - 1; i >= 0; i--)
            {
                settings[$"{audience}:{Key("Exclusion")}:{Key("Users")}:{i}"] = UserId(_random.Next(users));
            }

            for (var i = _random.Next(3) - 1; i >= 0; i--)
            {
                settings[$"{audience}:{Key("Exclusion")}:{Key("Groups")}:{i}"] = Pick(GroupPool);
            }
        }
    }

    private void TimeWindow(Dictionary<string, string?> settings, string parameters)
    {
        // RFC 1123 dates are UTC; the others keep an offset, in which the recurrence counts days and weekdays.
        var rfc1123 = _random.Next(3) == 0;
        var offset = rfc1123 ? TimeSpan.Zero : Pick(Offsets);
        var start = Now.AddMinutes(_random.Next(-60 * 24 * 30, 60 * 24 * 3)).ToOffset(offset);
        var recurring = _random.Next(100) < 55;
        var duration = TimeSpan.FromMinutes(recurring ? _random.Next(30, 60 * 24) : _random.Next(30, 60 * 24 * 40));
        var bounds = recurring ? 3 : _random.Next(1, 4); // 1: start only, 2: end only, 3: both
        if ((bounds & 1) != 0)
        {
            settings[$"{parameters}:{Key("Start")}"] = FormatDate(start, rfc1123);
        }

        if ((bounds & 2) != 0)
        {
            settings[$"{parameters}:{Key("End")}"] = FormatDate(start + duration, rfc1123);
        }

        if (!recurring)
        {
            return;
        }

        var recurrence = $"{parameters}:{Key("Recurrence")}";
        var weekly = _random.Next(2) == 0;
        var interval = 1 + _random.Next(weekly ? 2 : 3);
        settings[$"{recurrence}:{Key("Pattern")}:{Key("Type")}"] = weekly ? Pick(["Weekly", "weekly"]) : Pick(["Daily", "daily"]);
        if (interval > 1 || _random.Next(2) == 0)
        {
            settings[$"{recurrence}:{Key("Pattern")}:{Key("Interval")}"] = interval.ToString(CultureInfo.InvariantCulture);
        }

        if (weekly)
        {
            var days = new List<DayOfWeek> { start.DayOfWeek };
            for (var i = _random.Next(3); i > 0; i--)
            {
                // Distinct days: FM rejects a day listed twice with a window of any length (it counts the days before removing duplicates).
                var day = (DayOfWeek)_random.Next(7);
                if (!days.Contains(day))
                {
                    days.Add(day);
                }
            }

            for (var i = 0; i < days.Count; i++)
            {
                settings[$"{recurrence}:{Key("Pattern")}:{Key("DaysOfWeek")}:{i}"] = days[i].ToString();
            }

            if (_random.Next(2) == 0)
            {
                settings[$"{recurrence}:{Key("Pattern")}:{Key("FirstDayOfWeek")}"] = ((DayOfWeek)_random.Next(7)).ToString();
            }
        }

        var range = _random.Next(3);
        settings[$"{recurrence}:{Key("Range")}:{Key("Type")}"] = range switch { 0 => "NoEnd", 1 => "EndDate", _ => "Numbered" };
        if (range == 1)
        {
            settings[$"{recurrence}:{Key("Range")}:{Key("EndDate")}"] = FormatDate(start.AddDays(_random.Next(0, 40)), rfc1123);
        }
        else if (range == 2)
        {
            settings[$"{recurrence}:{Key("Range")}:{Key("NumberOfOccurrences")}"] = (1 + _random.Next(30)).ToString(CultureInfo.InvariantCulture);
        }
    }

    private void Allocation(Dictionary<string, string?> settings, string allocation, int variants, int users)
    {
        string VariantName() => _random.Next(12) == 0 ? "Missing" : "V" + _random.Next(variants).ToString(CultureInfo.InvariantCulture);
        for (var i = _random.Next(3) - 1; i >= 0; i--)
        {
            settings[$"{allocation}:{Key("user")}:{i}:{Key("variant")}"] = _random.Next(10) == 0 ? string.Empty : VariantName();
            for (var u = _random.Next(1, 5) - 1; u >= 0; u--)
            {
                settings[$"{allocation}:{Key("user")}:{i}:{Key("users")}:{u}"] = UserId(_random.Next(users));
            }
        }

        for (var i = _random.Next(3) - 1; i >= 0; i--)
        {
            settings[$"{allocation}:{Key("group")}:{i}:{Key("variant")}"] = VariantName();
            for (var g = _random.Next(1, 3) - 1; g >= 0; g--)
            {
                settings[$"{allocation}:{Key("group")}:{i}:{Key("groups")}:{g}"] = Pick(GroupPool);
            }
        }

        // Consecutive ranges over [0, 100], now and then with a gap or a range left out.
        var from = 0.0;
        var index = 0;
        while (from < 100 && _random.Next(6) > 0)
        {
            var to = Math.Max(from, Math.Min(100, Math.Round(from + _random.NextDouble() * 60, _random.Next(3))));
            to = _random.Next(5) == 0 ? 100 : to;
            if (_random.Next(8) > 0)
            {
                var range = $"{allocation}:{Key("percentile")}:{index++}";
                settings[$"{range}:{Key("variant")}"] = VariantName();
                settings[$"{range}:{Key("from")}"] = from.ToString(CultureInfo.InvariantCulture);
                settings[$"{range}:{Key("to")}"] = to.ToString(CultureInfo.InvariantCulture);
            }

            from = to;
        }

        if (_random.Next(2) == 0)
        {
            settings[$"{allocation}:{Key("seed")}"] = "seed-" + _random.Next(1000).ToString(CultureInfo.InvariantCulture);
        }

        if (_random.Next(3) > 0)
        {
            settings[$"{allocation}:{Key("default_when_enabled")}"] = VariantName();
        }

        if (_random.Next(3) > 0)
        {
            settings[$"{allocation}:{Key("default_when_disabled")}"] = VariantName();
        }
    }

    private string Percentage() => _random.Next(6) switch
    {
        0 => "0",
        1 => "100",
        _ => Math.Round(_random.NextDouble() * 100, _random.Next(3)).ToString(CultureInfo.InvariantCulture),
    };

    private static string FormatDate(DateTimeOffset value, bool rfc1123) => rfc1123
        ? value.UtcDateTime.ToString("r", CultureInfo.InvariantCulture)
        : value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>A key in random case: configuration, and so FM, ignores it.</summary>
    private string Key(string key) => _random.Next(5) switch
    {
        0 => key.ToUpperInvariant(),
        1 => key.ToLowerInvariant(),
        _ => key,
    };

    private T Pick<T>(T[] values) => values[_random.Next(values.Length)];
}
