-- The ledger stays append-only, with one narrow door: the retention job may
-- DELETE entries of accounts deleted longer ago than the legal period. It
-- opens the door for its own transaction only (SET LOCAL), so no other code
-- path can rewrite money history.
CREATE OR REPLACE FUNCTION credit_entries_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('animegen.retention_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'credit_entries is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
