-- Issue 15: the audit log. One row per thing a person (or the recorder itself, as 'system') did that a compliance
-- officer must be able to prove: a login, an audio download, a change to a rule, a DN or a user, a control operation,
-- a retention purge. Append-only: the application inserts rows and reads them, it has no update or delete path.
-- target_kind + target name what was touched (recording 42, rule 7, dn 5001, user bob); detail says how (from -> to
-- as JSON, a checksum). Written for H2 2.x and PostgreSQL 15.

create sequence audit_entry_seq start with 1 increment by 50;

create table audit_entry (
    id           bigint                      not null,
    occurred_at  timestamp(6) with time zone not null,
    username     varchar(64)                 not null,
    address      varchar(64),
    action       varchar(32)                 not null,
    target_kind  varchar(16),
    target       varchar(128),
    detail       varchar(65536),
    constraint audit_entry_pk primary key (id)
);

-- What GET /api/audit asks: newest first, by user, by recording (target), over a time range.
create index audit_entry_occurred_ix on audit_entry (occurred_at);
create index audit_entry_user_ix on audit_entry (username, occurred_at);
create index audit_entry_target_ix on audit_entry (target_kind, target, occurred_at);
