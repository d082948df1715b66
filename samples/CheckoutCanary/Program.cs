namespace CheckoutCanary;

internal static class Program
{
    public static int Main(string[] args)
    {
        System.Console.WriteLine(string.Join(' ', args));
        return 0;
    }
}
