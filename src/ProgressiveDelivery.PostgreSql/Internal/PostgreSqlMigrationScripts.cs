namespace ProgressiveDelivery.PostgreSql.Internal;

/// <summary>
/// The schema's migrations, in order. Never edit one that has shipped: add the next version. The package README shows
/// this SQL for the default schema (a test keeps the two equal), for a DBA who applies it by hand.
/// </summary>
internal static class PostgreSqlMigrationScripts
{
    public static PostgreSqlMigration[] All { get; } =
    [
        new(1, "rollout state and append-only audit log", """
            CREATE TABLE {schema}.rollout_state (
                rollout_id text PRIMARY KEY,
                version bigint NOT NULL CHECK (version > 0),
                state json NOT NULL,
                audit_sequence bigint NOT NULL CHECK (audit_sequence >= 0),
                audit_hash text NOT NULL,
                updated_at timestamptz NOT NULL
            );

            CREATE TABLE {schema}.audit (
                rollout_id text NOT NULL,
                sequence bigint NOT NULL CHECK (sequence > 0),
                recorded_at timestamptz NOT NULL,
                actor text NOT NULL,
                action text NOT NULL,
                reason text NOT NULL,
                before text NULL,
                after text NULL,
                evidence json NULL,
                previous_hash text NOT NULL,
                hash text NOT NULL,
                PRIMARY KEY (rollout_id, sequence)
            );

            CREATE FUNCTION {schema}.reject_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the audit log %.% is append-only: % is not allowed', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP
                    USING HINT = 'Entries are chained by hash; record a correction as a new entry.';
            END
            $$;

            CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON {schema}.audit
                FOR EACH STATEMENT EXECUTE FUNCTION {schema}.reject_audit_change();
            """),
        new(2, "fleet: leases, observations, replicas, flag changes", """
            CREATE TABLE {schema}.leases (
                name text PRIMARY KEY,
                holder text NOT NULL,
                epoch bigint NOT NULL CHECK (epoch > 0),
                acquired_at timestamptz NOT NULL,
                expires_at timestamptz NOT NULL
            );

            CREATE TABLE {schema}.observations (
                rollout_id text NOT NULL,
                attempt int NOT NULL,
                step int NOT NULL,
                replica_id text NOT NULL,
                sequence bigint NOT NULL,
                weight_bp int NOT NULL CHECK (weight_bp BETWEEN 0 AND 10000),
                baseline json NOT NULL,
                canary json NOT NULL,
                baseline_units bytea NOT NULL,
                canary_units bytea NOT NULL,
                flushed_at timestamptz NOT NULL,
                PRIMARY KEY (rollout_id, attempt, step, replica_id)
            );

            CREATE TABLE {schema}.replicas (
                replica_id text PRIMARY KEY,
                host text NOT NULL,
                process_id int NOT NULL,
                started_at timestamptz NOT NULL,
                heartbeat_at timestamptz NOT NULL,
                stopped_at timestamptz NULL
            );

            CREATE TABLE {schema}.replica_rollouts (
                replica_id text NOT NULL REFERENCES {schema}.replicas (replica_id) ON DELETE CASCADE,
                rollout_id text NOT NULL,
                applied_version bigint NOT NULL,
                synced_at timestamptz NOT NULL,
                PRIMARY KEY (replica_id, rollout_id)
            );

            CREATE TABLE {schema}.flag_changes (
                flag_key text PRIMARY KEY,
                version bigint NOT NULL CHECK (version > 0),
                change json NOT NULL,
                actor text NOT NULL,
                updated_at timestamptz NOT NULL
            );
            """),
    ];

    /// <summary>The version the code expects the schema to be at.</summary>
    public static int Latest => All[^1].Version;
}
