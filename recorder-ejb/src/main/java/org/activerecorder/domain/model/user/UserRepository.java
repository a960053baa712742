package org.activerecorder.domain.model.user;

/** Where user accounts are kept. */
public interface UserRepository {

    long count();

    void add(UserAccount account);
}
