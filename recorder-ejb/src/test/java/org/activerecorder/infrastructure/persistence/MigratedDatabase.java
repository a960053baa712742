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

    private final TestDatabase database;
    private final SessionFactory sessions;

    private MigratedDatabase(TestDatabase database, SessionFactory sessions) {
        this.database = database;
        this.sessions = sessions;
    }

    /** Skips the calling test when PostgreSQL is asked for and none is given, as {@link TestDatabase#create} does. */
    public static MigratedDatabase create(TestDatabase.Kind kind) {
        TestDatabase database = TestDatabase.create(kind);
        try {
            RecorderMigrations.flyway(database.dataSource(), MigratedDatabase.class.getClassLoader()).migrate();
            return new MigratedDatabase(database, database.hibernate(MappedClasses.ALL).buildSessionFactory());
        } catch (RuntimeException failed) {
            database.close();
            throw failed;
        }
    }

    /** Runs {@code work} in a transaction of its own and commits it. */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        try (EntityManager em = sessions.createEntityManager()) {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        }
    }

    @Override
    public void close() {
        sessions.close();
        database.close();
    }
}
