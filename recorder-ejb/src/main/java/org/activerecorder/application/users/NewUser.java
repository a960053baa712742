package org.activerecorder.application.users;

import java.util.List;

/** A user to create, as sent: validated by {@link UserDirectory#create}. */
public record NewUser(String username, String password, List<String> roles) {

    @Override
    public String toString() {
        return "NewUser[" + username + ", " + roles + "]"; // never the password
    }
}
