-- Issue 13: the DN configuration (which DNs are always recorded) and the recording rules with every saved version.
-- A rule's versions are never changed or removed: decisions name the rule and version that made them, so a deleted
-- rule is only marked deleted. Enumerations are varchar holding the name (V1_1).

create table dn_configuration (
    dn              varchar(64)                 not null,
    dn_type         varchar(32)                 not null,
    always_recorded boolean                     not null,
    description     varchar(512),
    retention_days  integer,
    updated_at      timestamp(6) with time zone not null,
    version         bigint                      not null,
    constraint dn_configuration_pk primary key (dn)
);

create sequence recording_rule_seq start with 1 increment by 50;

create table recording_rule (
    id              bigint                      not null,
    current_version integer                     not null,
    created_at      timestamp(6) with time zone not null,
    deleted_at      timestamp(6) with time zone,
    deleted_by      varchar(64),
    constraint recording_rule_pk primary key (id)
);

create table recording_rule_version (
    rule_id            bigint                      not null,
    rule_version       integer                     not null,
    name               varchar(128)                not null,
    priority           integer                     not null,
    enabled            boolean                     not null,
    dn_pattern         varchar(256),
    agent_id           varchar(64),
    direction          varchar(16),
    ani_pattern        varchar(256),
    dnis_pattern       varchar(256),
    user_data_key      varchar(64),
    user_data_value    varchar(256),
    week_days          varchar(128),
    hours_from         varchar(16),
    hours_to           varchar(16),
    time_zone          varchar(64),
    sampling_percent   integer,
    record_call        boolean                     not null,
    parties            varchar(16)                 not null,
    retention_days     integer,
    file_name_template varchar(200),
    saved_at           timestamp(6) with time zone not null,
    saved_by           varchar(64)                 not null,
    constraint recording_rule_version_pk primary key (rule_id, rule_version),
    constraint recording_rule_version_rule_fk foreign key (rule_id) references recording_rule (id)
);
