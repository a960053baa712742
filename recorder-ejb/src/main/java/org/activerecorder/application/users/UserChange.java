package org.activerecorder.application.users;

import java.util.List;

/** What an administrator changes about a user; a null field stays as it is. */
public record UserChange(List<String> roles, String password, Boolean enabled) {

    @Override
    public String toString() {
        return "UserChange[roles " + roles + ", password " + (password == null ? "kept" : "set") + ", enabled "
                + enabled + "]"; // never the password
    }
}
