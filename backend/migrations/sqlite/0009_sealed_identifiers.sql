-- Identifiers (MRN, social security and licence numbers) are stored sealed: `sealed_value`
-- holds the value encrypted by the application, and `value` a blind index of it (a keyed hash,
-- `<key id>.<base64>`), so a lookup by value and the uniqueness of (type, system, value) still
-- work without the value in the clear. Rows from before this migration keep their value in the
-- clear and a NULL `sealed_value` until `portal keys rotate` seals them.
ALTER TABLE identifiers ADD COLUMN sealed_value TEXT;
