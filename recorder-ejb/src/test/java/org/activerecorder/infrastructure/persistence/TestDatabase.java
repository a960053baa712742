package org.activerecorder.infrastructure.persistence;

import org.h2.jdbcx.JdbcDataSource;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fresh, empty database for one test, on either database the recorder runs on: an in-memory H2 (the server's
 * version), or a schema of its own in the PostgreSQL database the tests are given, dropped with everything in it on
 * {@link #close()}.
 *
 * <p>PostgreSQL is given as the README's settings are: a {@code -D} system property, else the environment variable
 * ({@code recorder.test.postgresql.url} / {@code RECORDER_TEST_POSTGRESQL_URL}, {@code .user}, {@code .password});
 * {@code .ci/run} starts a server and sets them. Without a URL a PostgreSQL test is skipped with a message saying so.
 */
public final class TestDatabase implements AutoCloseable {

    /** The databases the recorder runs on, for {@code @EnumSource}. */
    public enum Kind { H2, POSTGRESQL }

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final AtomicBoolean SKIP_REPORTED = new AtomicBoolean();
    /** Schemas of one test run share a prefix, so that two builds on one database never meet. */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36) + "_" + ProcessHandle.current().pid();

    private final Kind kind;
    private final String url;
    private final String user;
    private final String password;
    private final DataSource dataSource;
    private final String schema;

    private TestDatabase(Kind kind, String url, String user, String password, DataSource dataSource, String schema) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.password = password;
        this.dataSource = dataSource;
        this.schema = schema;
    }

    /** A new empty database of that kind; skips the calling test when PostgreSQL is asked for and none is given. */
    public static TestDatabase create(Kind kind) {
        return kind == Kind.H2 ? h2() : postgresql();
    }

    private static TestDatabase h2() {
        String url = "jdbc:h2:mem:test" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        return new TestDatabase(Kind.H2, url, "sa", "", dataSource, null);
    }

    private static TestDatabase postgresql() {
        String server = setting("recorder.test.postgresql.url");
        if (server == null && SKIP_REPORTED.compareAndSet(false, true)) {
            System.err.println("[WARNING] PostgreSQL is not tested: no recorder.test.postgresql.url"
                    + " (or RECORDER_TEST_POSTGRESQL_URL); see README \"PostgreSQL\"");
        }
        Assumptions.assumeTrue(server != null,
                "PostgreSQL not tested: set recorder.test.postgresql.url or RECORDER_TEST_POSTGRESQL_URL");
        String user = setting("recorder.test.postgresql.user");
        String password = setting("recorder.test.postgresql.password");
        String schema = "test_" + RUN + "_" + DATABASES.incrementAndGet();
        // The schema is the connection's current schema (and its search path): Flyway migrates into it, Hibernate
        // validates and queries it, unqualified names of the realm's SQL find it.
        String url = server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        TestDatabase database = new TestDatabase(Kind.POSTGRESQL, url, user, password, dataSource, schema);
        database.execute("create schema " + schema);
        return database;
    }

    /** A {@code -D} property, else the environment variable of the same name (upper case, '.' as '_'). */
    private static String setting(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name.toUpperCase().replace('.', '_'));
        }
        return value == null || value.isBlank() ? null : value;
    }

    public Kind kind() {
        return kind;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** A Hibernate configuration of these classes on this database, as the server's persistence unit is set. */
    public Configuration hibernate(Collection<Class<?>> mapped) {
        Configuration configuration = new Configuration();
        for (Class<?> type : mapped) {
            configuration.addAnnotatedClass(type);
        }
        configuration.setProperty("hibernate.connection.url", url);
        configuration.setProperty("hibernate.connection.username", user);
        if (password != null) {
            configuration.setProperty("hibernate.connection.password", password);
        }
        configuration.setProperty("hibernate.hbm2ddl.auto", "none");
        configuration.setProperty("hibernate.jdbc.time_zone", "UTC");
        return configuration;
    }

    /** Runs SQL statements, each in its own auto-committed transaction. */
    public void execute(String... statements) {
        try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("on " + kind + ": " + e.getMessage(), e);
        }
    }

    /** Drops the PostgreSQL schema and all in it (an H2 database in memory goes with the test JVM). */
    @Override
    public void close() {
        if (schema != null) {
            execute("drop schema " + schema + " cascade");
        }
    }

    @Override
    public String toString() {
        return kind.toString();
    }
}
