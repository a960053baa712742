-- Issue 13: call events from call control. The call's facts as the latest events said them (state, connId, DNs, ANI,
-- DNIS, direction, agent, and when it was established, released and last heard of), its attached data one row per key
-- with the time the key got its value, and the newest events as received (JSON). Written for H2 2.x and PostgreSQL 15.

alter table recorded_call add column state varchar(16);
alter table recorded_call add column conn_id varchar(64);
alter table recorded_call add column this_dn varchar(64);
alter table recorded_call add column other_dn varchar(64);
alter table recorded_call add column ani varchar(64);
alter table recorded_call add column dnis varchar(64);
alter table recorded_call add column direction varchar(16);
alter table recorded_call add column agent_id varchar(64);
alter table recorded_call add column established_at timestamp(6) with time zone;
alter table recorded_call add column released_at timestamp(6) with time zone;
alter table recorded_call add column last_event_at timestamp(6) with time zone;

create table call_user_data (
    call_id    bigint                      not null,
    data_key   varchar(64)                 not null,
    data_value varchar(1024)               not null,
    updated_at timestamp(6) with time zone not null,
    constraint call_user_data_pk primary key (call_id, data_key),
    constraint call_user_data_call_fk foreign key (call_id) references recorded_call (id)
);

create sequence call_event_seq start with 1 increment by 50;

create table call_event (
    id          bigint                      not null,
    call_id     bigint                      not null,
    received_at timestamp(6) with time zone not null,
    event_json  varchar(65536)              not null,
    constraint call_event_pk primary key (id),
    constraint call_event_call_fk foreign key (call_id) references recorded_call (id)
);

-- What the recordings search asks: recordings by agent (through the call), by user-data key (then value), by DN (the
-- recorded DN or a stream's party). A value is not indexed: values may be long, a key narrows enough.
create index call_event_call_ix on call_event (call_id);
create index call_user_data_key_ix on call_user_data (data_key);
create index recorded_call_agent_ix on recorded_call (agent_id);
create index recording_record_dn_ix on recording (record_dn);
create index recording_stream_dn_ix on recording_stream (dn);
