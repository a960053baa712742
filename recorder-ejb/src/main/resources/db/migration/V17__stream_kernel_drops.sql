-- Datagrams the recorder's kernel dropped on a stream's RTP socket for a full receive buffer (issue 14): the
-- recorder's loss, told apart from the network's. Gap causes are varchar(32): RECEIVER_OVERFLOW needs no change.
alter table recording_stream add column kernel_drops bigint default 0 not null;
