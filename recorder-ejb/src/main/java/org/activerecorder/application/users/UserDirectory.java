package org.activerecorder.application.users;

import jakarta.ejb.Local;

import java.util.List;

/**
 * The users. Administrators list, create and change them (roles, password, enabled); every logged-in user reads
 * themselves and changes their own password. No user is ever deleted: disabling keeps the account the audit log
 * names. The last enabled administrator cannot be disabled or lose the role.
 */
@Local
public interface UserDirectory {

    List<UserView> all();

    UserView find(String username) throws UserRefused;

    UserView create(NewUser user) throws UserRefused;

    UserView change(String username, UserChange change) throws UserRefused;

    /** The caller. */
    UserView me() throws UserRefused;

    /** The caller's own password, given the current one. */
    void changeOwnPassword(String current, String next) throws UserRefused;
}
