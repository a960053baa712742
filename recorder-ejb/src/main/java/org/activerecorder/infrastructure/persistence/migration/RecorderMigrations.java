package org.activerecorder.infrastructure.persistence.migration;

import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/**
 * The recorder's Flyway configuration, in one place for the server ({@link SchemaMigration}) and the tests that
 * run the same migrations.
 */
public final class RecorderMigrations {

    /** Migration scripts, on the EJB module's class path. */
    public static final String LOCATION = "classpath:db/migration";

    private RecorderMigrations() {
    }

    /**
     * Migrations from {@link #LOCATION}; a database that has tables but no migration history (made before
     * migrations existed) is taken as version 1.
     */
    public static Flyway flyway(DataSource dataSource, ClassLoader classLoader) {
        return Flyway.configure(classLoader)
                .dataSource(dataSource)
                .locations(LOCATION)
                .baselineOnMigrate(true)
                .baselineVersion("1")
                .baselineDescription("schema made before migrations")
                .load();
    }
}
