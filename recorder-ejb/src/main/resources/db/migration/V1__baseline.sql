-- The schema of the walking skeleton: calls, recordings, their streams and attributes, and the users the
-- server's JDBC realm reads (wildfly-config/src/main/cli/security.cli). Written for H2 2.x and PostgreSQL 15.
-- Instants are "timestamp with time zone" (Hibernate writes them in UTC); enumerations are varchar holding the
-- constant's name, so adding a constant needs no migration. Sequences step by 50: Hibernate's default
-- allocation size for @GeneratedValue(strategy = SEQUENCE).

create sequence recorded_call_seq start with 1 increment by 50;
create sequence recording_seq start with 1 increment by 50;

create table recorded_call (
    id            bigint                      not null,
    call_uuid     varchar(64)                 not null,
    first_seen_at timestamp(6) with time zone not null,
    version       bigint                      not null,
    constraint recorded_call_pk primary key (id),
    constraint recorded_call_uuid_uk unique (call_uuid)
);

create table recorder_user (
    username      varchar(64)  not null,
    password_hash varchar(100) not null,
    enabled       boolean      not null,
    constraint recorder_user_pk primary key (username)
);

create table recorder_user_role (
    username varchar(64) not null,
    role     varchar(32) not null,
    constraint recorder_user_role_pk primary key (username, role),
    constraint recorder_user_role_user_fk foreign key (username) references recorder_user (username)
);

create table recording (
    id             bigint                      not null,
    call_id        bigint                      not null,
    request_id     varchar(128)                not null,
    record_dn      varchar(64)                 not null,
    state          varchar(16)                 not null,
    started_at     timestamp(6) with time zone not null,
    finished_at    timestamp(6) with time zone,
    audio_file     varchar(1024),
    duration_ms    bigint,
    sha256         varchar(64),
    failure_reason varchar(1024),
    version        bigint                      not null,
    constraint recording_pk primary key (id),
    constraint recording_call_fk foreign key (call_id) references recorded_call (id)
);

create table recording_attribute (
    recording_id bigint      not null,
    name         varchar(64) not null,
    attr_value   varchar(512),
    constraint recording_attribute_pk primary key (recording_id, name),
    constraint recording_attribute_recording_fk foreign key (recording_id) references recording (id)
);

create table recording_stream (
    id                varchar(36)                 not null,
    recording_id      bigint                      not null,
    dn                varchar(64)                 not null,
    side              varchar(16)                 not null,
    state             varchar(8)                  not null,
    sip_call_id       varchar(255)                not null,
    codec             varchar(16)                 not null,
    payload_type      integer                     not null,
    local_rtp         varchar(64),
    media_source      varchar(64),
    audio_file        varchar(1024)               not null,
    opened_at         timestamp(6) with time zone not null,
    first_packet_at   timestamp(6) with time zone,
    ended_at          timestamp(6) with time zone,
    end_reason        varchar(32),
    packets_received  bigint,
    packets_malformed bigint,
    packets_foreign   bigint,
    packets_late      bigint,
    packets_lost      bigint,
    packets_duplicate bigint,
    samples_written   bigint,
    constraint recording_stream_pk primary key (id),
    constraint recording_stream_recording_fk foreign key (recording_id) references recording (id)
);
