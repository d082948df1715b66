namespace CheckoutCanary.Load;

/// <summary>
/// One shopper. Signed-in users send their id (the app's sign-in turns it into the unit claim); anonymous users
/// start without anything and keep the sticky unit cookie the app sets on their first checkout.
/// </summary>
internal sealed class SimulatedUser(string id, bool signedIn)
{
    public string Id { get; } = id;

    public bool SignedIn { get; } = signedIn;

    /// <summary>The <c>name=value</c> of the unit cookie, once the app has set it.</summary>
    public string? Cookie { get; set; }

    /// <summary>The implementation that served this user's last checkout, if any.</summary>
    public string? LastImplementation { get; set; }
}
