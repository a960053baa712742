-- Issue 15: a user whose password was generated for them (the first administrator) must change it. The realm does
-- not read this column (security.cli): it is the console's and the API's reminder, not a lock.

alter table recorder_user add column must_change_password boolean default false not null;

-- Before this migration nothing could change a password, so an existing first administrator still has the generated one.
update recorder_user set must_change_password = true where username = 'admin';
