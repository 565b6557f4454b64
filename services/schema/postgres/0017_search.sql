-- Message search (issue 26). The search index is a table of its own, fed from the domain events by
-- the search indexer (services/stats/src/search) and rebuilt from the message store on demand; it
-- holds only what search needs (the plain text, its lexemes, when and by whom). Who may see a hit is
-- never stored here: queries join `conversations` and apply the inbox's visibility rule to it
-- (services/chat/src/store/inbox-query.ts), so a transfer or an assignment is visible at once.

-- Accents do not matter (café = cafe); the Russian stemmer also folds ё into е.
CREATE EXTENSION IF NOT EXISTS unaccent;

-- Russian words through the Russian stemmer, Latin words through the English one, both after
-- unaccent; numbers, e-mail addresses, URLs and the like as written (lower case).
CREATE TEXT SEARCH CONFIGURATION smartchat_search (COPY = pg_catalog.russian);
ALTER TEXT SEARCH CONFIGURATION smartchat_search ALTER MAPPING FOR word, hword, hword_part WITH unaccent, russian_stem;
ALTER TEXT SEARCH CONFIGURATION smartchat_search ALTER MAPPING FOR asciiword, asciihword, hword_asciipart WITH unaccent, english_stem;

-- The text as the parser should read it: a hyphen between a letter or digit and a digit
-- ("A7-12345", "SU-1234") becomes U+2011, which the parser takes as a space. Otherwise it reads
-- "-12345" as a negative number, and "12345" would not find it. One character for one, so
-- highlighted text maps back to the original (the snippet shows "-" again).
CREATE FUNCTION smartchat_search_text(body text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN regexp_replace(body, '([[:alnum:]])-(?=[[:digit:]])', E'\\1\u2011', 'g');

CREATE FUNCTION smartchat_search_vector(body text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN to_tsvector('smartchat_search'::regconfig, smartchat_search_text(body));

-- What of a customer is searched: name, e-mail (whole, and its parts: "petrov" finds
-- ivan.petrov@corp.example), and the back-office id.
CREATE FUNCTION smartchat_customer_search_text(name text, email text, external_id text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(translate(email, '@.', '  '), '') || ' ' || coalesce(external_id, '');

-- One row per message, one partition per UTC month of the message (created by the indexer the first
-- time a message of that month arrives). The key (created_at, message_id) is also the order of
-- "newest first", so a page of a very common word reads the newest partition's index backwards and
-- stops early; a rare word is found through the GIN index.
CREATE TABLE search_messages (
  created_at timestamptz NOT NULL,
  message_id uuid NOT NULL,
  conversation_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('customer', 'reply', 'note', 'system')),
  -- The text searched and highlighted: the body without markup, then the names of its files.
  body text NOT NULL,
  has_attachment boolean NOT NULL,
  -- Deleted messages stay, flagged: their original is found only by those with messages.history.
  deleted boolean NOT NULL DEFAULT false,
  tsv tsvector NOT NULL,
  -- When the indexer last wrote the row (a rebuild never overwrites a row written after it began).
  indexed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (created_at, message_id)
) PARTITION BY RANGE (created_at);

CREATE INDEX search_messages_tsv ON search_messages USING gin (tsv);
CREATE INDEX search_messages_conversation ON search_messages (conversation_id, created_at);

-- Conversations are also found by their e-mail subject and by their customer, read live from the
-- tables (a renamed customer is found under the new name at once).
CREATE INDEX conversations_subject_search ON conversations USING gin (smartchat_search_vector(subject)) WHERE subject IS NOT NULL;
CREATE INDEX customers_search ON customers USING gin (smartchat_search_vector(smartchat_customer_search_text(name, email::text, external_id)));
-- A customer's conversations, newest first (conversation matches are listed in this order).
CREATE INDEX IF NOT EXISTS conversations_customer_created ON conversations (customer_id, created_at DESC);
