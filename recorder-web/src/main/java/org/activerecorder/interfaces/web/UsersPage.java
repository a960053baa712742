package org.activerecorder.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import org.activerecorder.application.users.NewUser;
import org.activerecorder.application.users.UserChange;
import org.activerecorder.application.users.UserDirectory;
import org.activerecorder.application.users.UserRefused;
import org.activerecorder.application.users.UserView;
import org.activerecorder.domain.model.user.Role;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Backs {@code users.xhtml} (administrators): the users, a form to add one, and per user enable / disable and a new
 * set of roles. Every change goes through the same {@link UserDirectory} as {@code /api/users}, so it is validated,
 * refused (the last enabled administrator stays) and audited the same way; a refusal's sentences are shown as they
 * come, one per problem.
 */
@Named
@RequestScoped
public class UsersPage {

    @EJB
    private UserDirectory users;

    private String username;
    private String password;
    private List<String> roles = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private String done;
    private List<UserView> all;

    public List<UserView> getUsers() {
        if (all == null) {
            all = users.all();
        }
        return all;
    }

    /** Every role a user may be given, in the order the server lists them. */
    public List<String> getRoleNames() {
        return Arrays.stream(Role.values()).map(Role::name).toList();
    }

    public void create() {
        try {
            UserView created = users.create(new NewUser(trim(username), password, List.copyOf(roles)));
            done = "User " + created.username() + " added with " + String.join(", ", created.roles())
                    + "; they choose their own password at their first login.";
            username = null;
            password = null;
            roles = new ArrayList<>();
        } catch (UserRefused refused) {
            refuse(refused);
        }
        all = null; // the table was read while the request was decoded: read it again
    }

    /** Enables a disabled user or disables an enabled one. */
    public void toggle(String name, boolean enabled) {
        change(name, new UserChange(null, null, !enabled), (enabled ? "disabled " : "enabled ") + name);
    }

    /** Gives the user exactly the roles its row's field lists (comma- or space-separated). */
    public void applyRoles(String name) {
        setRoles(name, FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap()
                .get("newRoles"));
    }

    private void setRoles(String name, String list) {
        List<String> given = Arrays.stream(list == null ? new String[0] : list.split("[,\\s]+"))
                .filter(role -> !role.isBlank()).toList();
        change(name, new UserChange(given, null, null), name + " now has " + String.join(", ", given));
    }

    private void change(String name, UserChange change, String what) {
        try {
            users.change(name, change);
            done = "Done: " + what + ".";
        } catch (UserRefused refused) {
            refuse(refused);
        }
        all = null; // the table was read while the request was decoded: read it again
    }

    private void refuse(UserRefused refused) {
        problems.add(refused.getMessage());
        problems.addAll(refused.problems());
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }

    public List<String> getProblems() {
        return problems;
    }

    public String getDone() {
        return done;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public List<String> getRoles() {
        return roles;
    }

    public void setRoles(List<String> roles) {
        this.roles = roles == null ? new ArrayList<>() : new ArrayList<>(roles);
    }
}
