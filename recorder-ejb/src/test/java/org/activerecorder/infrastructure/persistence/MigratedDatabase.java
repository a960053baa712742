package org.activerecorder.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import org.activerecorder.infrastructure.persistence.migration.MappedClasses;
import org.activerecorder.infrastructure.persistence.migration.RecorderMigrations;
import org.hibernate.SessionFactory;

import java.util.function.Function;

/**
 * A new {@link TestDatabase} migrated as the server migrates it, with Hibernate over every entity of the recorder:
 * what a repository test works on. Closing it drops the database.
 */
public final class MigratedDatabase implements AutoCloseable {

    private final TestDatabase.Kind kind;
    private TestDatabase database;
    private SessionFactory sessions;

    private MigratedDatabase(TestDatabase.Kind kind) {
        this.kind = kind;
    }

    /** Skips the calling test when PostgreSQL is asked for and none is given, as {@link TestDatabase#create} does. */
    public static MigratedDatabase create(TestDatabase.Kind kind) {
        MigratedDatabase migrated = of(kind);
        migrated.open();
        return migrated;
    }

    /**
     * A database of {@code kind} made and migrated when it is first used ({@link OnEveryDatabase}): the skip for a
     * missing PostgreSQL happens in the test, not where the arguments are made.
     */
    public static MigratedDatabase of(TestDatabase.Kind kind) {
        return new MigratedDatabase(kind);
    }

    private void open() {
        if (sessions != null) {
            return;
        }
        TestDatabase made = TestDatabase.create(kind);
        try {
            RecorderMigrations.flyway(made.dataSource(), MigratedDatabase.class.getClassLoader()).migrate();
            sessions = made.hibernate(MappedClasses.ALL).buildSessionFactory();
            database = made;
        } catch (RuntimeException failed) {
            made.close();
            throw failed;
        }
    }

    /** Runs {@code work} in a transaction of its own and commits it. */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        open();
        try (EntityManager em = sessions.createEntityManager()) {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        }
    }

    /** The session factory over the database, for tests that hold transactions of their own side by side. */
    public SessionFactory sessions() {
        open();
        return sessions;
    }

    @Override
    public void close() {
        if (sessions != null) {
            sessions.close();
            database.close();
        }
    }

    @Override
    public String toString() {
        return kind.name();
    }
}
