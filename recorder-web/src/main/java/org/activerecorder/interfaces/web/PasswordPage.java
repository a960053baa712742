package org.activerecorder.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import org.activerecorder.application.users.UserDirectory;
import org.activerecorder.application.users.UserRefused;
import org.activerecorder.application.users.UserView;

import java.util.ArrayList;
import java.util.List;

/**
 * Backs {@code password.xhtml}: every user changes their own password there, given the current one (as
 * {@code PUT /api/users/me/password} does). A user whose password was chosen for them (generated, or set by an
 * administrator) is told so at the top.
 */
@Named
@RequestScoped
public class PasswordPage {

    @EJB
    private UserDirectory users;

    private String current;
    private String next;
    private String repeated;
    private final List<String> problems = new ArrayList<>();
    private boolean changed;
    private UserView me;

    public UserView getMe() {
        if (me == null) {
            try {
                me = users.me();
            } catch (UserRefused refused) {
                problems.add(refused.getMessage());
            }
        }
        return me;
    }

    public void change() {
        if (next == null || !next.equals(repeated)) {
            problems.add("The new password and its repetition differ.");
            return;
        }
        try {
            users.changeOwnPassword(current, next);
            changed = true;
            me = null;
        } catch (UserRefused refused) {
            problems.add(refused.getMessage());
            problems.addAll(refused.problems());
        }
    }

    public boolean isChanged() {
        return changed;
    }

    public List<String> getProblems() {
        return problems;
    }

    public String getCurrent() {
        return current;
    }

    public void setCurrent(String current) {
        this.current = current;
    }

    public String getNext() {
        return next;
    }

    public void setNext(String next) {
        this.next = next;
    }

    public String getRepeated() {
        return repeated;
    }

    public void setRepeated(String repeated) {
        this.repeated = repeated;
    }
}
