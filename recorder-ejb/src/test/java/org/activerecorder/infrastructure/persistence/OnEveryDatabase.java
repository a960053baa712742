package org.activerecorder.infrastructure.persistence;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.provider.ArgumentsSource;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * A repository test run once per {@link TestDatabase.Kind}, each time on a new {@link MigratedDatabase} passed as its
 * parameter: opened (and migrated) when the test first uses it, so that PostgreSQL's run is skipped when none is
 * given, and dropped after the test (JUnit closes an {@link AutoCloseable} argument).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ParameterizedTest(name = "{0}")
@ArgumentsSource(OnEveryDatabase.Databases.class)
public @interface OnEveryDatabase {

    /** One unopened database per kind. */
    final class Databases implements ArgumentsProvider {
        @Override
        public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
            return Arrays.stream(TestDatabase.Kind.values())
                    .map(kind -> Arguments.of(Named.of(kind.name(), MigratedDatabase.of(kind))));
        }
    }
}
