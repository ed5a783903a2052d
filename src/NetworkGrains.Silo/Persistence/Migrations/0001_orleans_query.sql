-- The lookup table every Orleans ADO.NET provider reads at start-up (names must be lowercase, unquoted).
CREATE TABLE IF NOT EXISTS orleansquery (
    querykey  text PRIMARY KEY,
    querytext text NOT NULL
);
