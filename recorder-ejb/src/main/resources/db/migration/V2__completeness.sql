-- Issue 11: the completeness record of recordings and their streams.
-- Plain SQL that H2 2.x and PostgreSQL 15 both accept. Columns added to existing tables default to what an
-- existing row means: nothing counted, one side not known, no assembly tried since this version.

-- INCOMPLETE is a new state. A database made by Hibernate holds the states in an H2 ENUM type, or on PostgreSQL
-- behind a check constraint, that only know the old ones: make the column plain text without the constraint (the
-- domain's state machine guards the values). Both statements change nothing where there is nothing to change.
ALTER TABLE recording DROP CONSTRAINT IF EXISTS recording_state_check;
ALTER TABLE recording ALTER COLUMN state SET DATA TYPE varchar(16);
ALTER TABLE recording ADD COLUMN one_sided boolean DEFAULT FALSE NOT NULL;
ALTER TABLE recording ADD COLUMN assembly_attempts integer DEFAULT 0 NOT NULL;
ALTER TABLE recording ADD COLUMN last_assembly_at timestamp(6) with time zone;

CREATE TABLE recording_reason (
    recording_id bigint NOT NULL,
    list_index integer NOT NULL,
    code varchar(32) NOT NULL,
    explanation varchar(1024) NOT NULL,
    CONSTRAINT pk_recording_reason PRIMARY KEY (recording_id, list_index),
    CONSTRAINT fk_recording_reason_recording FOREIGN KEY (recording_id) REFERENCES recording (id)
);

ALTER TABLE recording_stream ADD COLUMN sample_rate integer DEFAULT 8000 NOT NULL;
ALTER TABLE recording_stream ADD COLUMN first_sample_at timestamp(6) with time zone;
ALTER TABLE recording_stream ADD COLUMN packets_expected bigint DEFAULT 0 NOT NULL;
ALTER TABLE recording_stream ADD COLUMN ssrc_changes bigint DEFAULT 0 NOT NULL;
ALTER TABLE recording_stream ADD COLUMN sequence_restarts bigint DEFAULT 0 NOT NULL;
ALTER TABLE recording_stream ADD COLUMN source_moves bigint DEFAULT 0 NOT NULL;
ALTER TABLE recording_stream ADD COLUMN comfort_noise_packets bigint DEFAULT 0 NOT NULL;
ALTER TABLE recording_stream ADD COLUMN telephone_event_packets bigint DEFAULT 0 NOT NULL;
ALTER TABLE recording_stream ADD COLUMN timestamp_jumps bigint DEFAULT 0 NOT NULL;
ALTER TABLE recording_stream ADD COLUMN gaps_omitted bigint DEFAULT 0 NOT NULL;
ALTER TABLE recording_stream ADD COLUMN dtmf_omitted bigint DEFAULT 0 NOT NULL;
-- Streams ended before this version were placed by their first packet's arrival: that stays their placement.
UPDATE recording_stream SET first_sample_at = first_packet_at;

CREATE TABLE stream_gap (
    stream_id varchar(36) NOT NULL,
    list_index integer NOT NULL,
    start_sample bigint NOT NULL,
    length_samples bigint NOT NULL,
    cause varchar(32) NOT NULL,
    CONSTRAINT pk_stream_gap PRIMARY KEY (stream_id, list_index),
    CONSTRAINT fk_stream_gap_stream FOREIGN KEY (stream_id) REFERENCES recording_stream (id)
);

CREATE TABLE stream_dtmf (
    stream_id varchar(36) NOT NULL,
    list_index integer NOT NULL,
    start_sample bigint NOT NULL,
    event_code integer NOT NULL,
    duration_samples bigint NOT NULL,
    volume integer NOT NULL,
    ended boolean NOT NULL,
    CONSTRAINT pk_stream_dtmf PRIMARY KEY (stream_id, list_index),
    CONSTRAINT fk_stream_dtmf_stream FOREIGN KEY (stream_id) REFERENCES recording_stream (id)
);

-- The sweep looks for active and failed recordings and open streams every 10 seconds.
CREATE INDEX ix_recording_state ON recording (state);
CREATE INDEX ix_recording_stream_state ON recording_stream (state);
