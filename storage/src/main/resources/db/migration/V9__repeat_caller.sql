-- Repeat callers (MISSION story 9): a new callback from a number that had a RESOLVED callback
-- for the same product and category within N days. One row per flagged callback, written in
-- the same transaction as the audited escalation raise.
CREATE TABLE repeat_caller_flag (
    callback_id BIGINT  NOT NULL PRIMARY KEY REFERENCES callback (id),
    repeat_of   BIGINT  NOT NULL REFERENCES callback (id),
    within_days INTEGER NOT NULL,
    flagged_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The repeat lookup: same number, resolved, recent.
CREATE INDEX callback_number_state_idx ON callback (callback_number, state, updated_at);
