-- Issue 15: a change to a DN is based on the version its editor saw, and a refused one says who saved the version
-- now current and when. The version column (JPA's @Version until now, from 0) becomes the domain's count of saves,
-- from 1 like a rule's; who saved is kept from now on (null for what was saved before).
alter table dn_configuration add column updated_by varchar(64);
update dn_configuration set version = version + 1;
