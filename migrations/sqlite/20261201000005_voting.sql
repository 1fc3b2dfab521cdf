-- Working-group motions and voting (SQLite dialect; the PostgreSQL migration of the same
-- name mirrors it). The tables exist since the first migration; this one adds the rules the
-- database itself holds.

-- Due motions are found across all groups by the deadline task.
CREATE INDEX motions_due ON motions (status, closes_at);
CREATE INDEX ballots_motion ON ballots (motion_id, cast_at);
CREATE INDEX proxies_holder ON proxies (motion_id, to_organisation_id);

-- "Rules are editable while the motion is a draft and locked once it opens."
CREATE TRIGGER motions_rules_locked_once_open
BEFORE UPDATE ON motions
WHEN OLD.status <> 'draft' AND (
       NEW.working_group_id IS NOT OLD.working_group_id OR NEW.kind IS NOT OLD.kind
    OR NEW.title IS NOT OLD.title OR NEW.body IS NOT OLD.body
    OR NEW.opens_at IS NOT OLD.opens_at OR NEW.closes_at IS NOT OLD.closes_at
    OR NEW.quorum_percent IS NOT OLD.quorum_percent OR NEW.threshold IS NOT OLD.threshold
    OR NEW.dual_majority IS NOT OLD.dual_majority OR NEW.ballot_mode IS NOT OLD.ballot_mode
    OR NEW.plan_version_id IS NOT OLD.plan_version_id
    OR NEW.commitment_id IS NOT OLD.commitment_id
    OR NEW.focal_point_id IS NOT OLD.focal_point_id)
BEGIN
    SELECT RAISE(ABORT, 'the rules of a motion are locked once it opens');
END;

-- A closed or withdrawn motion stays as it ended: its outcome is computed once.
CREATE TRIGGER motions_final_once_ended
BEFORE UPDATE ON motions
WHEN OLD.status IN ('closed', 'withdrawn') AND (
       NEW.status IS NOT OLD.status OR NEW.outcome IS NOT OLD.outcome
    OR NEW.electorate_size IS NOT OLD.electorate_size OR NEW.yes_count IS NOT OLD.yes_count
    OR NEW.no_count IS NOT OLD.no_count OR NEW.abstain_count IS NOT OLD.abstain_count
    OR NEW.closed_at IS NOT OLD.closed_at)
BEGIN
    SELECT RAISE(ABORT, 'a motion that has ended cannot change');
END;

-- Only a draft motion has no electorate; nobody joins it after it opens except by the
-- opening itself (which happens in the same transaction as the status change).
CREATE TRIGGER motion_electorate_only_when_open
BEFORE INSERT ON motion_electorate
WHEN NOT EXISTS (SELECT 1 FROM motions m WHERE m.id = NEW.motion_id AND m.status = 'open')
BEGIN
    SELECT RAISE(ABORT, 'the electorate is fixed when the motion opens');
END;

-- A recused organisation casts no ballot; a proxy ballot needs a live proxy of that
-- organisation for that motion.
CREATE TRIGGER ballots_from_the_electorate
BEFORE INSERT ON ballots
WHEN EXISTS (
    SELECT 1 FROM motion_electorate e
    WHERE e.motion_id = NEW.motion_id AND e.organisation_id = NEW.organisation_id
      AND e.recused_at IS NOT NULL
) OR (NEW.proxy_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM proxies p
    WHERE p.id = NEW.proxy_id AND p.motion_id = NEW.motion_id
      AND p.from_organisation_id = NEW.organisation_id AND p.revoked_at IS NULL
))
BEGIN
    SELECT RAISE(ABORT, 'ballot from outside the electorate');
END;

-- Ballots are history: never rewritten except to stop counting (or to forget a deleted
-- person, as the foreign key says).
CREATE TRIGGER ballots_are_history
BEFORE UPDATE ON ballots
WHEN NEW.choice IS NOT OLD.choice OR NEW.organisation_id IS NOT OLD.organisation_id
  OR NEW.motion_id IS NOT OLD.motion_id OR NEW.cast_at IS NOT OLD.cast_at
  OR (NEW.cast_by_person_id IS NOT OLD.cast_by_person_id AND NEW.cast_by_person_id IS NOT NULL)
  OR NEW.proxy_id IS NOT OLD.proxy_id
  OR (NEW.is_current = 1 AND OLD.is_current = 0)
BEGIN
    SELECT RAISE(ABORT, 'a ballot cannot be rewritten');
END;

-- Proxies and recusals only while the motion is open.
CREATE TRIGGER proxies_only_while_open
BEFORE INSERT ON proxies
WHEN NOT EXISTS (SELECT 1 FROM motions m WHERE m.id = NEW.motion_id AND m.status = 'open')
BEGIN
    SELECT RAISE(ABORT, 'the motion is not open');
END;
