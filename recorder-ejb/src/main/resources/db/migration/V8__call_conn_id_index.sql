-- Issue 13: a third party may name a call by T-Server's connection id (thisDn + connId) instead of its CallUUID, so
-- calls are looked up by conn_id. Not unique: T-Server reuses connection ids, an old call keeps the id of a new one.
-- Written for H2 2.x and PostgreSQL 15.

create index recorded_call_conn_ix on recorded_call (conn_id);
