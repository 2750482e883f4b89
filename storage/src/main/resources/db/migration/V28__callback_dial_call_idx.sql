-- Every AMI Hangup looks its channel's uniqueid up among the dials (the caller's leg, and the
-- consultant's leg of a dial that already ended); without these indexes each Hangup scans every
-- dial ever made, and a busy day's Hangups arrive on the one event queue.
CREATE INDEX callback_dial_caller_call_idx ON callback_dial (caller_call);
CREATE INDEX callback_dial_consultant_call_idx ON callback_dial (consultant_call);
