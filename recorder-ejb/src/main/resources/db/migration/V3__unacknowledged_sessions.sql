-- Issue 12: a stream whose SIP session was answered but never acknowledged (the 200 OK's ACK never came). Such a
-- stream that received no media is dropped with its file when it ends, and a recording left without streams is
-- deleted: a session the Media Server gave up leaves no recording. Existing rows were all acknowledged.

alter table recording_stream add column session_unacknowledged boolean default false not null;
