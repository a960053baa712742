package org.activerecorder.it.smoke.deployment;

import at.favre.lib.crypto.bcrypt.BCrypt;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * Creates the tables the server's RecorderRealm reads and puts the test's users in them, at deployment,
 * as the application will: the password as a bcrypt hash in modular crypt format ({@code $2a$10$...}),
 * the roles one row each. The users and their generated passwords come from {@code /it-users.properties}
 * in the deployment ({@link org.activerecorder.it.smoke.TestUsers}); they are removed at undeployment.
 */
@Singleton
@Startup
public class SecurityTables {

    /** The table layout the realm's queries expect (the application owns the real DDL). */
    static final List<String> DDL = List.of(
            "CREATE TABLE IF NOT EXISTS recorder_user ("
                    + "username VARCHAR(64) PRIMARY KEY, password_hash VARCHAR(100) NOT NULL, enabled BOOLEAN NOT NULL)",
            "CREATE TABLE IF NOT EXISTS recorder_user_role ("
                    + "username VARCHAR(64) NOT NULL, role VARCHAR(32) NOT NULL)");

    @Resource(lookup = "java:jboss/datasources/RecorderDS")
    private DataSource recorderDs;

    private Properties users;

    @PostConstruct
    void createTablesAndUsers() {
        users = load("/it-users.properties");
        try (Connection connection = recorderDs.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                for (String ddl : DDL) {
                    statement.execute(ddl);
                }
            }
            for (String name : userNames()) {
                delete(connection, name);
                insert(connection, name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set up the security tables in RecorderDS", e);
        }
    }

    @PreDestroy
    void removeUsers() {
        try (Connection connection = recorderDs.getConnection()) {
            for (String name : userNames()) {
                delete(connection, name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot remove the test users from RecorderDS", e);
        }
    }

    /** The hash the realm's modular-crypt-mapper accepts: version 2a, cost 10. */
    static String bcrypt(String password) {
        return BCrypt.withDefaults().hashToString(10, password.toCharArray());
    }

    private List<String> userNames() {
        return users.stringPropertyNames().stream()
                .filter(key -> key.endsWith(".password"))
                .map(key -> key.substring(0, key.length() - ".password".length()))
                .toList();
    }

    private void insert(Connection connection, String name) throws SQLException {
        try (PreparedStatement user = connection.prepareStatement(
                "INSERT INTO recorder_user (username, password_hash, enabled) VALUES (?, ?, ?)")) {
            user.setString(1, name);
            user.setString(2, bcrypt(users.getProperty(name + ".password")));
            user.setBoolean(3, Boolean.parseBoolean(users.getProperty(name + ".enabled", "true")));
            user.executeUpdate();
        }
        String roles = users.getProperty(name + ".roles", "");
        try (PreparedStatement role = connection.prepareStatement(
                "INSERT INTO recorder_user_role (username, role) VALUES (?, ?)")) {
            for (String roleName : roles.split(",")) {
                if (!roleName.isBlank()) {
                    role.setString(1, name);
                    role.setString(2, roleName.strip());
                    role.executeUpdate();
                }
            }
        }
    }

    private static void delete(Connection connection, String name) throws SQLException {
        for (String sql : List.of("DELETE FROM recorder_user_role WHERE username = ?",
                "DELETE FROM recorder_user WHERE username = ?")) {
            try (PreparedStatement delete = connection.prepareStatement(sql)) {
                delete.setString(1, name);
                delete.executeUpdate();
            }
        }
    }

    private static Properties load(String resource) {
        try (InputStream in = SecurityTables.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the deployment");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
