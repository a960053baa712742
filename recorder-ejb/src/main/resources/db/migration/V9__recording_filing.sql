-- Issue 13: a decision to record (a rule, a DN's configuration) gives the recording a file-name template and a
-- retention; the recording keeps both. Null for recordings made before this version, started over the API, or
-- decided without them: such a file is named <callUuid>_<recordingId>.wav and nothing says how long to keep it.

alter table recording add column file_name_template varchar(200);
alter table recording add column retention_days integer;
