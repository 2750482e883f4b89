-- The dashboard's period figures (re-contact rate, average handle time) select attempts by when
-- they ended; without this index each dashboard refresh scans every attempt ever made.
CREATE INDEX callback_attempt_ended_idx ON callback_attempt (ended_at);
