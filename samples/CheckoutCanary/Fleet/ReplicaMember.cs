using System;

namespace CheckoutCanary.Fleet;

/// <summary>A running replica: its number (1 is this process), fleet id, address and process.</summary>
internal sealed record ReplicaMember(int Number, string ReplicaId, Uri Address, int ProcessId);
