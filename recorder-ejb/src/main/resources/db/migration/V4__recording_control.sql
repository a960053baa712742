-- Issue 13: pause, resume and stop on request. What was asked of a recording (RECORDING, PAUSED, STOPPED) beside its
-- life-cycle state, when the current pause began and when it was stopped. Existing recordings were never controlled.

alter table recording add column control_state varchar(16) default 'RECORDING' not null;
alter table recording add column paused_since timestamp(6) with time zone;
alter table recording add column stopped_at timestamp(6) with time zone;
