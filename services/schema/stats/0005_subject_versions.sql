-- A version per subject, raised by every transaction that derives the subject's facts again or
-- stores an event of it without deriving it (a kept dead letter): live processing, the rebuild, a
-- change of a team's business hours. A stats process keeps what it last derived for a conversation
-- (its raw events and the facts it wrote, pipeline/derivation-cache.ts) together with the version
-- its transaction gave; while the store still has that version nobody else has touched the
-- conversation, so its next events are derived from the kept ones plus the new, without reading
-- every raw event and fact of the conversation again (a long conversation cost a read of all its
-- events per batch). Any other version, or none kept, reads everything as before.
CREATE TABLE subject_versions (
  subject_id text PRIMARY KEY,
  version bigint NOT NULL
);
