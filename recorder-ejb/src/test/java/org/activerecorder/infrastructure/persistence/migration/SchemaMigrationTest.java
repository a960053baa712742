package org.activerecorder.infrastructure.persistence.migration;

import org.activerecorder.infrastructure.persistence.TestDatabase;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.SessionFactory;
import org.hibernate.tool.schema.spi.SchemaManagementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The migrations against both databases the server runs on (H2 in WildFly's version, and PostgreSQL when the tests
 * are given one: {@link TestDatabase}), checked the way the server checks them: Flyway migrates, then Hibernate
 * validates every entity against the result. A migration that does not match an entity fails here before it fails a
 * deployment.
 */
class SchemaMigrationTest {

    private TestDatabase database;

    @AfterEach
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void anEmptyDatabaseIsMigratedToWhatTheEntitiesMap(TestDatabase.Kind kind) {
        database = TestDatabase.create(kind);

        MigrateResult result = RecorderMigrations.flyway(database.dataSource(), getClass().getClassLoader()).migrate();

        assertEquals(migrationFiles().size(), result.migrationsExecuted);
        validate(database);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void migratingTwiceChangesNothing(TestDatabase.Kind kind) {
        database = TestDatabase.create(kind);
        RecorderMigrations.flyway(database.dataSource(), getClass().getClassLoader()).migrate();

        MigrateResult again = RecorderMigrations.flyway(database.dataSource(), getClass().getClassLoader()).migrate();

        assertEquals(0, again.migrationsExecuted);
        validate(database);
    }

    /**
     * A database that Hibernate's schema update made before migrations existed: native ENUM columns, no history. Only
     * H2: PostgreSQL was supported only after the migrations existed.
     */
    @Test
    void aDatabaseMadeBeforeMigrationsIsTakenAsVersionOneAndUpgraded() throws SQLException {
        database = TestDatabase.create(TestDatabase.Kind.H2);
        try (Connection connection = database.dataSource().getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("create sequence recording_seq start with 1 increment by 50");
            sql.execute("create sequence recorded_call_seq start with 1 increment by 50");
            sql.execute("create table recorded_call (first_seen_at timestamp(6) with time zone not null, id bigint not null,"
                    + " version bigint not null, call_uuid varchar(64) not null unique, primary key (id))");
            sql.execute("create table recorder_user (enabled boolean not null, username varchar(64) not null,"
                    + " password_hash varchar(100) not null, primary key (username))");
            sql.execute("create table recorder_user_role (username varchar(64) not null,"
                    + " role enum ('admin','auditor','events','supervisor') not null, primary key (username, role))");
            sql.execute("create table recording (call_id bigint not null, duration_ms bigint,"
                    + " finished_at timestamp(6) with time zone, id bigint not null,"
                    + " started_at timestamp(6) with time zone not null, version bigint not null,"
                    + " record_dn varchar(64) not null, sha256 varchar(64), request_id varchar(128) not null,"
                    + " audio_file varchar(1024), failure_reason varchar(1024),"
                    + " state enum ('ACTIVE','COMPLETED','FAILED') not null, primary key (id))");
            sql.execute("create table recording_attribute (recording_id bigint not null, name varchar(64) not null,"
                    + " attr_value varchar(512), primary key (recording_id, name))");
            sql.execute("create table recording_stream (payload_type integer not null,"
                    + " ended_at timestamp(6) with time zone, first_packet_at timestamp(6) with time zone,"
                    + " opened_at timestamp(6) with time zone not null, packets_duplicate bigint,"
                    + " packets_foreign bigint, packets_late bigint, packets_lost bigint, packets_malformed bigint,"
                    + " packets_received bigint, recording_id bigint not null, samples_written bigint,"
                    + " codec varchar(16) not null, end_reason varchar(32), id varchar(36) not null,"
                    + " dn varchar(64) not null, local_rtp varchar(64), media_source varchar(64),"
                    + " audio_file varchar(1024) not null, sip_call_id varchar(255) not null,"
                    + " side enum ('OTHER_PARTY','RECORDED_PARTY') not null, state enum ('ENDED','OPEN') not null,"
                    + " primary key (id))");
            sql.execute("insert into recorded_call values (timestamp with time zone '2026-11-30 10:00:00+00', 1, 0, 'C1')");
            sql.execute("insert into recording (call_id, id, started_at, version, record_dn, request_id, state)"
                    + " values (1, 1, timestamp with time zone '2026-11-30 10:00:00+00', 0, '1001', 'r1', 'COMPLETED')");
        }

        MigrateResult result = RecorderMigrations.flyway(database.dataSource(), getClass().getClassLoader()).migrate();

        assertEquals("1", result.initialSchemaVersion == null ? "1" : result.initialSchemaVersion);
        assertEquals(migrationFiles().size() - 1, result.migrationsExecuted, "every migration after the baseline");
        validate(database);
        try (Connection connection = database.dataSource().getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("update recording set state = 'INCOMPLETE' where id = 1"); // refused by the old ENUM
            try (ResultSet row = sql.executeQuery("select state from recording where id = 1")) {
                assertTrue(row.next());
                assertEquals("INCOMPLETE", row.getString(1));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void validationNamesAMissingColumn(TestDatabase.Kind kind) {
        database = TestDatabase.create(kind);
        RecorderMigrations.flyway(database.dataSource(), getClass().getClassLoader()).migrate();
        database.execute("alter table recording drop column sha256");

        SchemaManagementException failure = assertThrows(SchemaManagementException.class, () -> validate(database));

        assertTrue(failure.getMessage().contains("sha256"), failure.getMessage());
    }

    /** Hibernate's own validation, as {@link SchemaMigration} runs it in the server. */
    private static void validate(TestDatabase database) {
        try (SessionFactory sessions = database.hibernate(MappedClasses.ALL).buildSessionFactory()) {
            sessions.getSchemaManager().validateMappedObjects();
        }
    }

    private static List<Path> migrationFiles() {
        try (Stream<Path> files = Files.list(Path.of(SchemaMigrationTest.class.getResource("/db/migration").toURI()))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sql")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
