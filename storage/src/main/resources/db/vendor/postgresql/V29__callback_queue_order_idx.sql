-- The consultant queue at a peak (MISSION story 13; docs/BENCHMARKS.md "Consultant queue at a
-- peak"): every claim is SELECT ... WHERE state = 'QUEUED' ... ORDER BY <QueueOrder> LIMIT 1
-- FOR UPDATE SKIP LOCKED. Without an index in that order PostgreSQL reads and sorts every QUEUED
-- row for every claim — and with FOR UPDATE it sorts them all, not just the top one (LockRows sits
-- between Limit and Sort) — 24 ms of CPU per claim at 20,000 waiting, so 50 consultants claiming
-- at once queued for the two cores (claim p50 250 ms, p99 700 ms). With this index a claim and
-- the queue view walk the queue from its head and stop at the first rows they may take.
--
-- The key is exactly QueueOrder.SQL_ORDER (the CASE ranks are built from the EscalationLevel and
-- Urgency enums in declaration order): the planner uses an expression index for ORDER BY only
-- when the expressions match. QueueOrderIndexTest checks on PostgreSQL that the claim and view
-- queries still walk this index; when an enum gains a value, a new migration re-creates it.
-- Partial (QUEUED only): its size follows the queue, not the table's whole history.
-- PostgreSQL only: H2 has neither expression nor partial indexes (see db/vendor/h2/V29).
CREATE INDEX callback_queue_order_idx ON callback (
    (CASE escalation_level WHEN 'NORMAL' THEN 0 WHEN 'REPEAT_OR_DISSATISFIED' THEN 1
                           WHEN 'REPUTATIONAL_RISK' THEN 2 ELSE -1 END) DESC,
    (CASE WHEN reachable_until IS NULL THEN 1 ELSE 0 END),
    reachable_until,
    (CASE urgency WHEN 'NORMAL' THEN 0 WHEN 'URGENT' THEN 1 ELSE -1 END) DESC,
    created_at,
    id
) WHERE state = 'QUEUED';
