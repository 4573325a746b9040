namespace Engine.Data;

public static partial class Migrations
{
    /// <summary>Step 23 (issue 21): coding while a challenge is open.</summary>
    internal const string Coding = """
        -- The code frame an admin saved (JSON in tenant.json's "coding" shape); no row: tenant.json's frame.
        CREATE TABLE code_frames (
            tenant_id TEXT NOT NULL, frame TEXT NOT NULL, updated_at INTEGER NOT NULL, updated_by INTEGER NOT NULL,
            PRIMARY KEY (tenant_id));
        -- A contribution an analyst finished coding (perhaps with no code): the queue is what they have not, and two
        -- analysts' agreement is figured over what both have. kind is 'idea' or 'comment'.
        CREATE TABLE coded_contributions (
            tenant_id TEXT NOT NULL, kind TEXT NOT NULL, target_id INTEGER NOT NULL, analyst_id INTEGER NOT NULL, coded_at INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, kind, target_id, analyst_id)) WITHOUT ROWID;
        CREATE INDEX coded_contributions_by_analyst ON coded_contributions (tenant_id, analyst_id);
        -- Each code an analyst applied to a contribution; code is the id of a code in the frame.
        CREATE TABLE contribution_codes (
            tenant_id TEXT NOT NULL, kind TEXT NOT NULL, target_id INTEGER NOT NULL, analyst_id INTEGER NOT NULL, code TEXT NOT NULL,
            PRIMARY KEY (tenant_id, kind, target_id, analyst_id, code)) WITHOUT ROWID;
        CREATE INDEX contribution_codes_by_analyst ON contribution_codes (tenant_id, analyst_id);
        """;
}
