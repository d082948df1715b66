using System.Threading.Tasks;
using CheckoutCanary.LoadBenchmark;

namespace CheckoutCanary;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "load-benchmark-server")
        {
            return await LoadBenchmarkServer.RunAsync(args[1..]);
        }

        System.Console.WriteLine(string.Join(' ', args));
        return 0;
    }
}
