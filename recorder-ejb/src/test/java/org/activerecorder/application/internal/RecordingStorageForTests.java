package org.activerecorder.application.internal;

import org.activerecorder.infrastructure.storage.RecordingStorage;

import java.nio.file.Path;
import java.time.Clock;

/** A recordings folder under a test's temporary directory (the storage's constructor for it is package-private). */
final class RecordingStorageForTests {

    private RecordingStorageForTests() {
    }

    static RecordingStorage at(Path root) {
        try {
            var constructor = RecordingStorage.class.getDeclaredConstructor(Path.class, Clock.class);
            constructor.setAccessible(true);
            return constructor.newInstance(root, Clock.systemUTC());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
