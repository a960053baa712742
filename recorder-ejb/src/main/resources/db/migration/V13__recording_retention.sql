-- Issue 13: a decision's retention is enforced. A finished recording keeps the instant its retention ends (finished
-- plus the decision's days), so the sweep finds those due by an index; when it is due, its audio file is deleted and
-- the row stays, saying when and why (purged_at). Rows finished before this migration get their instant from the
-- same sum. Written for H2 2.x and PostgreSQL 15 (both take an interval literal times a number).

alter table recording add column retain_until timestamp(6) with time zone;
alter table recording add column purged_at timestamp(6) with time zone;

update recording set retain_until = finished_at + retention_days * interval '1' day
    where retention_days is not null and finished_at is not null and state in ('COMPLETED', 'INCOMPLETE');

create index recording_retain_until_ix on recording (retain_until);
