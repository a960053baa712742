package org.activerecorder.infrastructure.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JVM's figures as a scraper reads them: every collector's collections and time, the heap, the threads. */
class JvmMetersTest {

    @Test
    void everyCollectorsCollectionsAndTimeAreScrapedWithTheHeapAndTheThreads() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new JvmMeters().bindTo(registry);
        System.gc();
        String text = PrometheusText.render(registry.getMeters());

        long collections = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            Matcher count = Pattern.compile("(?m)^jvm_gc_collections_total\\{gc=\"" + Pattern.quote(collector.getName())
                    + "\"} (\\d+)$").matcher(text);
            assertTrue(count.find(), () -> collector.getName() + " counted in:\n" + text);
            assertTrue(Long.parseLong(count.group(1)) >= collector.getCollectionCount() - 1, text);
            collections += Long.parseLong(count.group(1));
            assertTrue(Pattern.compile("(?m)^jvm_gc_collection_seconds_total\\{gc=\"" + Pattern.quote(collector.getName())
                    + "\"} [0-9.E-]+$").matcher(text).find(), () -> collector.getName() + " timed in:\n" + text);
        }
        assertTrue(collections > 0, () -> "System.gc() collected: " + text);
        assertEquals(1, count(text, "# TYPE jvm_gc_collection_seconds_total counter"), text);

        Matcher heap = Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\",id=\"[^\"]+\"} (\\d+)$").matcher(text);
        long heapUsed = 0;
        while (heap.find()) {
            heapUsed += Long.parseLong(heap.group(1));
        }
        assertTrue(heapUsed > 0, () -> "the heap in use, by pool: " + text);
        Matcher threads = Pattern.compile("(?m)^jvm_threads_live (\\d+)$").matcher(text);
        assertTrue(threads.find() && Integer.parseInt(threads.group(1)) >= 1, text);
    }

    private static int count(String text, String line) {
        return (int) text.lines().filter(line::equals).count();
    }
}
