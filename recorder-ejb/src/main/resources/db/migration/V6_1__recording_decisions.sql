-- Issue 13: every decision taken on a call event for a DN of the call (routing instruction, DN configuration, rule by
-- id and version, or none), kept with the call by its CallUUID: a decision may come before the recorder holds any
-- recording, or any row, of the call. A decision to record names the request id sent to call control.

create sequence recording_decision_seq start with 1 increment by 50;

create table recording_decision (
    id                 bigint                      not null,
    call_uuid          varchar(64)                 not null,
    dn                 varchar(64)                 not null,
    source             varchar(32)                 not null,
    rule_id            bigint,
    rule_version       integer,
    record_call        boolean                     not null,
    parties            varchar(16)                 not null,
    retention_days     integer,
    file_name_template varchar(200),
    call_trigger       varchar(32)                 not null,
    decided_at         timestamp(6) with time zone not null,
    request_id         varchar(128),
    dest               varchar(256),
    reason             varchar(256)                not null,
    constraint recording_decision_pk primary key (id),
    constraint recording_decision_rule_version_fk foreign key (rule_id, rule_version)
        references recording_rule_version (rule_id, rule_version)
);

create index recording_decision_call_idx on recording_decision (call_uuid, dn);
