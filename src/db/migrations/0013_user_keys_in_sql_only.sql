-- Nothing changes in the database. The schema files of credits, billing,
-- generation and privacy stop declaring their foreign keys to "user" (that
-- would import the accounts module's tables); the keys themselves, with their
-- ON DELETE rules, stay exactly as earlier migrations made them.
-- src/db/foreign-keys.db.test.ts checks every one.
SELECT 1;
