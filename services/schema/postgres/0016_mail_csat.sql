-- Satisfaction surveys by e-mail (issue 25): the survey of a closed e-mail conversation is mailed to
-- its customer with links to rate it; the queue row names its survey.
ALTER TABLE mail_outbound DROP CONSTRAINT mail_outbound_kind_check;
ALTER TABLE mail_outbound ADD CONSTRAINT mail_outbound_kind_check CHECK (kind IN ('reply', 'acknowledgement', 'csat'));
ALTER TABLE mail_outbound ADD COLUMN survey_id uuid REFERENCES csat_surveys (id);
ALTER TABLE mail_outbound ADD CONSTRAINT mail_outbound_csat_survey CHECK (kind <> 'csat' OR survey_id IS NOT NULL);
