-- Issue 15: the audit log is read a page at a time, by key: newest first, (occurred_at, id) below the previous page's
-- last entry (GET /api/audit?before=<id>, the console's Older link). Each filter's index ends in (occurred_at, id), so
-- a page is one range of an index read from its start in the order asked, however deep the page: no sort, no offset.
-- Ids alone are not in time order (the time is taken before the id, and concurrent writers interleave), hence the pair.
-- These replace V14's indexes, which are their prefixes. Written for H2 2.x and PostgreSQL 15.

create index audit_entry_occurred_id_ix on audit_entry (occurred_at, id);
create index audit_entry_user_occurred_id_ix on audit_entry (username, occurred_at, id);
create index audit_entry_target_occurred_id_ix on audit_entry (target_kind, target, occurred_at, id);

drop index audit_entry_occurred_ix;
drop index audit_entry_user_ix;
drop index audit_entry_target_ix;
