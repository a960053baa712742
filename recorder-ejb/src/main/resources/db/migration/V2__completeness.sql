-- Issue 11: the completeness record of recordings and their streams. Written for H2 2.x and PostgreSQL 15.
-- Columns added to existing tables default to what an existing row means: nothing counted, one-sidedness not
-- known, no assembly counted, G.711's 8 kHz. The new state INCOMPLETE needs nothing: states are varchar (V1, V1_1).

-- 1. A recording: whether only one party was sent, how often its stereo file was tried, and its reasons (what is
-- missing and why, each a code and a sentence, in order).

alter table recording add column one_sided boolean default false not null;
alter table recording add column assembly_attempts integer default 0 not null;
alter table recording add column last_assembly_at timestamp(6) with time zone;

create table recording_reason (
    recording_id bigint        not null,
    list_index   integer       not null,
    code         varchar(32)   not null,
    explanation  varchar(1024) not null,
    constraint recording_reason_pk primary key (recording_id, list_index),
    constraint recording_reason_recording_fk foreign key (recording_id) references recording (id)
);

-- 2. A stream: the rest of the media plane's counters, the instant of its first sample (where it is placed), its
-- sample rate, and its gaps and key presses (bounded lists, with the count of what did not fit).

alter table recording_stream add column sample_rate integer default 8000 not null;
alter table recording_stream add column first_sample_at timestamp(6) with time zone;
alter table recording_stream add column packets_expected bigint default 0 not null;
alter table recording_stream add column ssrc_changes bigint default 0 not null;
alter table recording_stream add column sequence_restarts bigint default 0 not null;
alter table recording_stream add column source_moves bigint default 0 not null;
alter table recording_stream add column comfort_noise_packets bigint default 0 not null;
alter table recording_stream add column telephone_event_packets bigint default 0 not null;
alter table recording_stream add column timestamp_jumps bigint default 0 not null;
alter table recording_stream add column gaps_omitted bigint default 0 not null;
alter table recording_stream add column dtmf_omitted bigint default 0 not null;
-- Streams from before this version were placed by their first packet's arrival: that stays their placement.
update recording_stream set first_sample_at = first_packet_at;

create table stream_gap (
    stream_id      varchar(36) not null,
    list_index     integer     not null,
    start_sample   bigint      not null,
    length_samples bigint      not null,
    cause          varchar(32) not null,
    constraint stream_gap_pk primary key (stream_id, list_index),
    constraint stream_gap_stream_fk foreign key (stream_id) references recording_stream (id)
);

create table stream_dtmf (
    stream_id        varchar(36) not null,
    list_index       integer     not null,
    start_sample     bigint      not null,
    event_code       integer     not null,
    duration_samples bigint      not null,
    volume           integer     not null,
    ended            boolean     not null,
    constraint stream_dtmf_pk primary key (stream_id, list_index),
    constraint stream_dtmf_stream_fk foreign key (stream_id) references recording_stream (id)
);

-- 3. The sweep looks for active and failed recordings every 10 seconds (open streams: V1_1's index).

create index if not exists recording_state_ix on recording (state);
