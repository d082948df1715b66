var builder = WebApplication.CreateBuilder(args);
builder.Services.AddProgressiveDelivery();

var app = builder.Build();
app.UseProgressiveDelivery();

app.MapGet("/", () => "consumer");
app.MapGet("/checkout/v2", () => "the new checkout").RequireFeature("new-checkout");
app.MapGet("/search/beta", () => "the beta search").RequireFeature("beta-search");

app.Run();
