-- An API key may carry an expiry: past it, the key is refused like a revoked one.
ALTER TABLE api_key ADD COLUMN IF NOT EXISTS expires_at timestamptz;
