-- Percentiles of short ranges (queries/percentiles.ts valuesAtRanks). A rank is read from the facts
-- of its value bucket in value order (facts_kind_value, facts_kind_business_value): those indexes
-- hold the bucket's facts of every day the store has, so for a week the read passes over about 50
-- facts of other weeks for each of the week's, and a week's overview took longer than a year's.
-- These indexes put the UTC day before the value: a range of a few weeks reads, day by day, only
-- its own facts of the bucket, and sorts those few. Ranges longer than that keep the value-ordered
-- indexes (one read in order beats hundreds of short ones).
CREATE INDEX facts_kind_day_value ON facts (kind, (date_trunc('day', at AT TIME ZONE 'UTC')), value) INCLUDE (at, team_id, internal)
  WHERE kind IN ('response.first', 'response.next', 'assign.time', 'queue.time', 'resolution.time', 'handling.time', 'csat.rating', 'conversation.messages');
CREATE INDEX facts_kind_day_business_value ON facts (kind, (date_trunc('day', at AT TIME ZONE 'UTC')), (coalesce(business_value, value))) INCLUDE (at, team_id, internal, value, business_value)
  WHERE kind IN ('response.first', 'response.next', 'assign.time', 'queue.time', 'resolution.time', 'handling.time', 'csat.rating', 'conversation.messages');
