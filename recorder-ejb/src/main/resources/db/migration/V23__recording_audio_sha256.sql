-- Issue 14: the SHA-256 of a recording's audio data (the stereo WAV's bytes after its 44-byte header), taken as the
-- file is written during the call, and a file SHA-256 that may come after the completion (recorder.file-sha256 =
-- after-completion: the header comes first and is known last, so a file built during the call can only be hashed by
-- reading it back). Recordings stored before keep only their file's SHA-256. The index finds the recordings whose
-- file SHA-256 is still to be taken (sha256 null): both H2 and PostgreSQL answer "is null" from a B-tree.
alter table recording add column audio_sha256 varchar(64);
create index recording_sha256_ix on recording (sha256);
