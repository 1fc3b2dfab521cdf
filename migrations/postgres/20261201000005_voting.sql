-- Working-group motions and voting (PostgreSQL dialect; the SQLite migration of the same
-- name mirrors it). The tables exist since the first migration; this one adds the rules the
-- database itself holds.

-- Due motions are found across all groups by the deadline task.
CREATE INDEX motions_due ON motions (status, closes_at);
CREATE INDEX ballots_motion ON ballots (motion_id, cast_at);
CREATE INDEX proxies_holder ON proxies (motion_id, to_organisation_id);

-- "Rules are editable while the motion is a draft and locked once it opens."
-- A closed or withdrawn motion stays as it ended: its outcome is computed once.
CREATE FUNCTION motions_check_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status <> 'draft' AND (
           NEW.working_group_id IS DISTINCT FROM OLD.working_group_id
        OR NEW.kind IS DISTINCT FROM OLD.kind
        OR NEW.title IS DISTINCT FROM OLD.title OR NEW.body IS DISTINCT FROM OLD.body
        OR NEW.opens_at IS DISTINCT FROM OLD.opens_at OR NEW.closes_at IS DISTINCT FROM OLD.closes_at
        OR NEW.quorum_percent IS DISTINCT FROM OLD.quorum_percent
        OR NEW.threshold IS DISTINCT FROM OLD.threshold
        OR NEW.dual_majority IS DISTINCT FROM OLD.dual_majority
        OR NEW.ballot_mode IS DISTINCT FROM OLD.ballot_mode
        OR NEW.plan_version_id IS DISTINCT FROM OLD.plan_version_id
        OR NEW.commitment_id IS DISTINCT FROM OLD.commitment_id
        OR NEW.focal_point_id IS DISTINCT FROM OLD.focal_point_id) THEN
        RAISE EXCEPTION 'the rules of a motion are locked once it opens'
            USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.status IN ('closed', 'withdrawn') AND (
           NEW.status IS DISTINCT FROM OLD.status OR NEW.outcome IS DISTINCT FROM OLD.outcome
        OR NEW.electorate_size IS DISTINCT FROM OLD.electorate_size
        OR NEW.yes_count IS DISTINCT FROM OLD.yes_count
        OR NEW.no_count IS DISTINCT FROM OLD.no_count
        OR NEW.abstain_count IS DISTINCT FROM OLD.abstain_count
        OR NEW.closed_at IS DISTINCT FROM OLD.closed_at) THEN
        RAISE EXCEPTION 'a motion that has ended cannot change'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER motions_rules_locked_once_open BEFORE UPDATE ON motions
    FOR EACH ROW EXECUTE FUNCTION motions_check_update();

-- Only a draft motion has no electorate; nobody joins it after it opens except by the
-- opening itself (which happens in the same transaction as the status change).
CREATE FUNCTION motion_electorate_check_open() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM motions m WHERE m.id = NEW.motion_id AND m.status = 'open') THEN
        RAISE EXCEPTION 'the electorate is fixed when the motion opens'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER motion_electorate_only_when_open BEFORE INSERT ON motion_electorate
    FOR EACH ROW EXECUTE FUNCTION motion_electorate_check_open();

-- A recused organisation casts no ballot; a proxy ballot needs a live proxy of that
-- organisation for that motion.
CREATE FUNCTION ballots_check_electorate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM motion_electorate e
        WHERE e.motion_id = NEW.motion_id AND e.organisation_id = NEW.organisation_id
          AND e.recused_at IS NOT NULL
    ) OR (NEW.proxy_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM proxies p
        WHERE p.id = NEW.proxy_id AND p.motion_id = NEW.motion_id
          AND p.from_organisation_id = NEW.organisation_id AND p.revoked_at IS NULL
    )) THEN
        RAISE EXCEPTION 'ballot from outside the electorate';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER ballots_from_the_electorate BEFORE INSERT ON ballots
    FOR EACH ROW EXECUTE FUNCTION ballots_check_electorate();

-- Ballots are history: never rewritten except to stop counting (or to forget a deleted
-- person, as the foreign key says).
CREATE FUNCTION ballots_check_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.choice IS DISTINCT FROM OLD.choice
       OR NEW.organisation_id IS DISTINCT FROM OLD.organisation_id
       OR NEW.motion_id IS DISTINCT FROM OLD.motion_id OR NEW.cast_at IS DISTINCT FROM OLD.cast_at
       OR (NEW.cast_by_person_id IS DISTINCT FROM OLD.cast_by_person_id
           AND NEW.cast_by_person_id IS NOT NULL)
       OR NEW.proxy_id IS DISTINCT FROM OLD.proxy_id
       OR (NEW.is_current = 1 AND OLD.is_current = 0) THEN
        RAISE EXCEPTION 'a ballot cannot be rewritten';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER ballots_are_history BEFORE UPDATE ON ballots
    FOR EACH ROW EXECUTE FUNCTION ballots_check_update();

-- Proxies only while the motion is open.
CREATE FUNCTION proxies_check_open() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM motions m WHERE m.id = NEW.motion_id AND m.status = 'open') THEN
        RAISE EXCEPTION 'the motion is not open';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER proxies_only_while_open BEFORE INSERT ON proxies
    FOR EACH ROW EXECUTE FUNCTION proxies_check_open();
