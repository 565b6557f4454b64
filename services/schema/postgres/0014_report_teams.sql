-- Reports of some teams: a manager whose scope is `teams` asks for a report of their teams (a
-- manager of the whole desk may too). NULL: the whole desk, as every monthly report. The ids are
-- kept sorted and unique, so that asking twice for the same teams finds the same queued report and
-- "these teams are all mine" is one containment test (team_ids <@ the caller's teams).
ALTER TABLE reports ADD COLUMN team_ids uuid[];
ALTER TABLE reports ADD CONSTRAINT reports_team_ids_custom CHECK (team_ids IS NULL OR (kind = 'custom' AND cardinality(team_ids) BETWEEN 1 AND 50));
CREATE INDEX reports_team_ids ON reports USING gin (team_ids) WHERE team_ids IS NOT NULL;
