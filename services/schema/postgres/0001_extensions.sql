-- Case-insensitive text for e-mail addresses and names that must be unique regardless of case.
CREATE EXTENSION IF NOT EXISTS citext;
