-- Every version of the retry policy the supervisors ever made live: who, when, why and what
-- changed (MISSION story 11). Rows are only ever inserted; the highest version is the live one.
-- A callback's policy_version column names the version that planned it.
-- (Numbered after the Quartz tables so databases already at V21 migrate in order.)
CREATE TABLE retry_policy_version (
    version     INTEGER       NOT NULL PRIMARY KEY,
    policy_yaml VARCHAR(20000) NOT NULL,
    actor_kind  VARCHAR(16)   NOT NULL,
    actor_name  VARCHAR(128)  NOT NULL,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    reason      VARCHAR(1000) NOT NULL,
    diff        VARCHAR(20000) NOT NULL
);
