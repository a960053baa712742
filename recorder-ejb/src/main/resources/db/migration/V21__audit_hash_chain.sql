-- Issue 15: the audit log is tamper-evident. Each entry from now on has a position in one chain (chain_seq: 1, 2, 3,
-- ..., given under the lock of the head row below, so it is the order entries committed in, which neither the ids
-- (blocks of 50 per node) nor the times are) and chain_hash, the hex SHA-256 of the previous entry's hash and this
-- entry's canonical form (docs/users.md, "Tamper-evident"). A changed, deleted or inserted row breaks the chain there.
--
-- Entries from before this migration cannot be chained here: SHA-256 has no portable SQL spelling (H2's HASH and
-- PostgreSQL's sha256 differ, and the canonical form is Java's). They keep no hash and take a negative position (minus
-- their id, unique and out of the chain's way); the head counts them, so one deleted or added shows, a changed one
-- cannot. The chain's genesis: position 0, the hash of 64 zeros. Written for H2 2.x and PostgreSQL 15.

alter table audit_entry add column chain_seq bigint;
alter table audit_entry add column chain_hash varchar(64);
update audit_entry set chain_seq = -id;
alter table audit_entry alter column chain_seq set not null;
-- An entry of the chain has its hash; one from before it has none.
alter table audit_entry add constraint audit_entry_chain_hash_ck
    check ((chain_seq > 0 and chain_hash is not null) or (chain_seq < 0 and chain_hash is null));
-- One entry per position; also the verifier's walk, in position order.
create unique index audit_entry_chain_seq_ux on audit_entry (chain_seq);

-- The chain's last position and hash: the one row every append locks (select ... for update), so positions are given
-- one at a time and each entry's hash follows the one committed before it.
create table audit_chain_head (
    id            integer     not null,
    last_position bigint      not null,
    last_hash     varchar(64) not null,
    unchained     bigint      not null,
    constraint audit_chain_head_pk primary key (id),
    constraint audit_chain_head_one_ck check (id = 1)
);

insert into audit_chain_head (id, last_position, last_hash, unchained)
    select 1, 0, '0000000000000000000000000000000000000000000000000000000000000000', count(*) from audit_entry;
