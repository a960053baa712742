package org.activerecorder.infrastructure.persistence.migration;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.SessionFactory;

import javax.sql.DataSource;
import java.util.logging.Logger;

/**
 * Brings the database schema to the version this release needs, then checks that every entity finds the
 * tables and columns it maps, before anything else of the recorder runs (the other start-up beans depend on this
 * one, and the EAR initialises its EJB module before its web modules).
 *
 * <p>The schema is made only by the versioned migrations in {@code db/migration} (Flyway), never by Hibernate:
 * an installation upgrades in place, and what a release does to the database is readable SQL. A database made
 * before migrations existed (by Hibernate's schema update) is taken as version 1 (its tables are what
 * {@code V1__baseline.sql} creates) and migrated from there.
 *
 * <p>Hibernate's own validation at deploy time cannot be used: it runs when the persistence unit starts, before
 * any bean could migrate an empty database. So the unit runs with {@code hbm2ddl.auto=none}, and the same
 * validation runs here, after the migrations ({@code SchemaManager.validateMappedObjects}): a migration that does
 * not match the entities fails the deployment with Hibernate's message naming the table and column.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = "java:jboss/datasources/RecorderDS")
    private DataSource dataSource;

    @PersistenceUnit(unitName = "recorder")
    private EntityManagerFactory entityManagerFactory;

    @PostConstruct
    void migrateAndValidate() {
        MigrateResult result = RecorderMigrations.flyway(dataSource, getClass().getClassLoader()).migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info(() -> "Database schema migrated from version " + orNone(result.initialSchemaVersion) + " to "
                    + result.targetSchemaVersion + " (" + result.migrationsExecuted + " migration(s))");
        } else {
            LOG.info(() -> "Database schema is at version " + orNone(result.initialSchemaVersion));
        }
        entityManagerFactory.unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
    }

    private static String orNone(String version) {
        return version == null ? "none (empty database)" : version;
    }
}
