-- Issue 13: a stop on request keeps the session's media flowing (its port open), and a later start records it again
-- as a new recording of the call: a new stream row on the same port. Its session still knows the media by the first
-- stream's id (a BYE, a hold name that id), so each stream row keeps the id its session knows it by; null means its
-- own id. Written for H2 2.x and PostgreSQL 15.

alter table recording_stream add column session_stream_id varchar(36);

create index recording_stream_session_ix on recording_stream (session_stream_id);
