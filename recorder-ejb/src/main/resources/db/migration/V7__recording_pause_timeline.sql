-- Issue 13: the pause timeline. Every pause on request of a recording, in order: when it arrived and who asked, when
-- it ended (a resume, or a stop during the pause) and who ended it. An open pause (no resumed_at) lasted until the
-- recording's streams ended. Pauses made before this version were not kept span by span: their silence is in the
-- streams' SIGNALLED_PAUSE gaps.

create table recording_pause (
    recording_id  bigint                      not null,
    list_index    integer                     not null,
    paused_at     timestamp(6) with time zone not null,
    paused_by     varchar(128)                not null,
    resumed_at    timestamp(6) with time zone,
    resumed_by    varchar(128),
    ended_by_stop boolean default false       not null,
    constraint recording_pause_pk primary key (recording_id, list_index),
    constraint recording_pause_recording_fk foreign key (recording_id) references recording (id)
);
