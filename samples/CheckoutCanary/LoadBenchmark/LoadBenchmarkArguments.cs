using System;
using System.Globalization;

namespace CheckoutCanary.LoadBenchmark;

/// <summary>The command line of the load-benchmark server: <c>--config NAME --port N</c>.</summary>
internal sealed record LoadBenchmarkArguments(LoadBenchmarkConfiguration Configuration, int Port)
{
    public const string Usage =
        "usage: load-benchmark-server --config bare|ours|featuremanagement|ours-passthrough|ours-unmetered|ours-anonymous|bare-aspnetcore-metrics --port N";

    public static bool TryParse(string[] args, out LoadBenchmarkArguments? parsed, out string error)
    {
        parsed = null;
        LoadBenchmarkConfiguration? configuration = null;
        int? port = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--config" when value is not null && TryParseConfiguration(value, out var c):
                    configuration = c;
                    i++;
                    break;
                case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536:
                    port = p;
                    i++;
                    break;
                default:
                    error = $"unexpected or invalid argument '{args[i]}'{(value is null ? string.Empty : $" '{value}'")}\n{Usage}";
                    return false;
            }
        }

        if (configuration is null || port is null)
        {
            error = Usage;
            return false;
        }

        parsed = new LoadBenchmarkArguments(configuration.Value, port.Value);
        error = string.Empty;
        return true;
    }

    private static bool TryParseConfiguration(string name, out LoadBenchmarkConfiguration configuration)
    {
        configuration = name switch
        {
            "bare" => LoadBenchmarkConfiguration.Bare,
            "ours" => LoadBenchmarkConfiguration.Ours,
            "featuremanagement" => LoadBenchmarkConfiguration.FeatureManagement,
            "ours-passthrough" => LoadBenchmarkConfiguration.OursPassThrough,
            "ours-unmetered" => LoadBenchmarkConfiguration.OursUnmetered,
            "ours-anonymous" => LoadBenchmarkConfiguration.OursAnonymous,
            "bare-aspnetcore-metrics" => LoadBenchmarkConfiguration.BareAspNetCoreMetrics,
            _ => (LoadBenchmarkConfiguration)(-1),
        };
        return Enum.IsDefined(configuration);
    }
}
