using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace ProgressiveDelivery.AspNetCore.Internal;

/// <summary>The body of an admin command: <c>{"reason": "...", "full": true}</c>; the reason is required.</summary>
internal readonly record struct AdminCommandBody(string? Reason, bool Full, string? Error)
{
    private const string MissingReason = "A command needs a JSON body with a non-empty \"reason\": {\"reason\": \"why\"}.";

    public static async Task<AdminCommandBody> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (buffer.Length == 0)
        {
            return new AdminCommandBody(null, false, MissingReason);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException exception)
        {
            return new AdminCommandBody(null, false, "The body is not valid JSON: " + exception.Message);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new AdminCommandBody(null, false, "The body must be a JSON object: {\"reason\": \"why\", \"full\": true}.");
            }

            var full = false;
            string? reason = null;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "reason" when property.Value.ValueKind == JsonValueKind.String:
                        reason = property.Value.GetString();
                        break;
                    case "full" when property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                        full = property.Value.GetBoolean();
                        break;
                    case "reason":
                        return new AdminCommandBody(null, false, "\"reason\" must be a string.");
                    case "full":
                        return new AdminCommandBody(null, false, "\"full\" must be true or false.");
                    default:
                        return new AdminCommandBody(null, false, "Unknown field \"" + property.Name + "\": a command body has \"reason\" and, for promote, \"full\".");
                }
            }

            return string.IsNullOrWhiteSpace(reason)
                ? new AdminCommandBody(null, false, MissingReason)
                : new AdminCommandBody(reason, full, null);
        }
    }
}
