using System;

namespace ProgressiveDelivery.PostgreSql;

/// <summary>
/// Where and how the PostgreSQL store keeps its tables. Validated when a store or log is created, then copied: changing
/// the options afterwards does not affect it.
/// </summary>
public sealed class PostgreSqlStoreOptions
{
    /// <summary>The default schema name.</summary>
    public const string DefaultSchema = "progressive_delivery";

    /// <summary>The schema holding every table, created (with the tables) on first use if missing.</summary>
    /// <value>
    /// The default value is <c>progressive_delivery</c>. 1 to 55 characters from <c>[a-z0-9_]</c>, starting with a letter or
    /// <c>_</c>, not starting with <c>pg_</c> (reserved by PostgreSQL); 55 leaves room for the notification channel
    /// <c>{schema}_changes</c> within PostgreSQL's 63-byte identifiers.
    /// </value>
    public string Schema { get; set; } = DefaultSchema;

    /// <summary>
    /// The clock that stamps rollout versions (<c>updated_at</c>) and audit entries, or <see langword="null"/> for the
    /// database server's clock (the transaction's <c>now()</c>).
    /// </summary>
    /// <value>
    /// The default value is <see langword="null"/>: the database's clock, so that several replicas stamp their writes
    /// from one clock without agreeing on time. Set a <see cref="System.TimeProvider"/> to control the stamps (in tests).
    /// Stamps are truncated to whole microseconds, PostgreSQL's precision, so what is read back equals what was returned.
    /// </value>
    public TimeProvider? TimeProvider { get; set; }
}
