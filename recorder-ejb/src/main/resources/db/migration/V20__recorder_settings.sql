-- Issue 15: settings managed in the console. One row per setting an administrator stored a value for; it wins over
-- the system property and the environment. No row: the server's configuration speaks. Only values the setting's own
-- rule accepts are stored; who changed what from what to what is in audit_entry (SETTING_CHANGED).
-- The value column is setting_value: VALUE is a keyword of H2 2.x. Written for H2 2.x and PostgreSQL 15.

create table recorder_setting (
    name          varchar(128)                not null,
    setting_value varchar(1024)               not null,
    changed_at    timestamp(6) with time zone not null,
    changed_by    varchar(64)                 not null,
    constraint recorder_setting_pk primary key (name)
);
