-- The credit ledger is append-only: corrections are new entries, never edits.
-- Enforced in the database, so no code path (or a stray SQL session of the
-- application's role) can rewrite money history.
CREATE OR REPLACE FUNCTION credit_entries_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'credit_entries is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER credit_entries_no_update_or_delete
  BEFORE UPDATE OR DELETE ON credit_entries
  FOR EACH ROW EXECUTE FUNCTION credit_entries_append_only();
--> statement-breakpoint
CREATE TRIGGER credit_entries_no_truncate
  BEFORE TRUNCATE ON credit_entries
  FOR EACH STATEMENT EXECUTE FUNCTION credit_entries_append_only();
