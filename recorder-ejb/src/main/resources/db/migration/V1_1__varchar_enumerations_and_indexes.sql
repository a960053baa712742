-- 1. Databases made before migrations existed got H2's native ENUM columns from Hibernate's schema update, which
-- refuse every constant added later (INCOMPLETE, new roles). Store the names as varchar, as V1 does. On a
-- database that V1 made, this changes nothing.

alter table recording alter column state set data type varchar(16);
alter table recording_stream alter column side set data type varchar(16);
alter table recording_stream alter column state set data type varchar(8);
alter table recorder_user_role alter column role set data type varchar(32);

-- 2. Indexes for what the recorder looks up often: a call's recordings, the newest recordings, a recording's
-- streams, the streams still open.

create index if not exists recording_call_ix on recording (call_id);
create index if not exists recording_started_ix on recording (started_at);
create index if not exists recording_stream_recording_ix on recording_stream (recording_id);
create index if not exists recording_stream_state_ix on recording_stream (state);
