-- What each audited change changed: the resource's differing fields before and after (small JSON objects, no secrets).
ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS before text;
ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS after text;
