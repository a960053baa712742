package org.activerecorder.domain.model.user;

import java.util.List;
import java.util.Optional;

/** Where user accounts are kept. Accounts are never removed: a disabled one stays, as the audit log names it. */
public interface UserRepository {

    long count();

    void add(UserAccount account);

    /** Every account, by username. */
    List<UserAccount> all();

    Optional<UserAccount> find(String username);

    /**
     * The enabled administrators, locked until the transaction ends, so that two administrators disabling each other
     * at once cannot both succeed and leave none.
     */
    List<UserAccount> lockEnabledAdmins();
}
