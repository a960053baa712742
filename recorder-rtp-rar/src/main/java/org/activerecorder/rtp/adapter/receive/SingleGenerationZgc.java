package org.activerecorder.rtp.adapter.receive;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.Optional;

/**
 * Whether the JVM collects with the ZGC of one generation (JDK 17's; JDK 21 and 22 without
 * {@code -XX:+ZGenerational}). Under load on cores it shares, that collector may not finish a cycle before the heap
 * fills, and then stalls every thread that allocates: 10–22 stalls of up to 0.84 s in each of six 1,000-call runs on
 * this project's 2-core machine, where JDK 25's generational ZGC, side by side, stalled in none of the measured runs
 * (docs/performance.md, "Series AA"). The SIP intake and the event delivery allocate, so a stall answers INVITEs
 * late; the receive loop allocates nothing per packet, but does while it opens streams, and in one run's ramp it
 * stalled with them for 673 ms.
 *
 * <p>Told by the collector's management beans: the one-generation ZGC names them "ZGC Cycles" and "ZGC Pauses", the
 * generational one "ZGC Minor Cycles", "ZGC Major Cycles" and their pauses.
 */
final class SingleGenerationZgc {

    private static final String CYCLES_BEAN = "ZGC Cycles";

    private SingleGenerationZgc() {
    }

    /** A warning for the log if this JVM runs the one-generation ZGC. */
    static Optional<String> warning() {
        return warning(ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList(), Runtime.version().feature());
    }

    /** A warning if {@code collectors} (the collector beans' names) are the one-generation ZGC's, on {@code jdk}. */
    static Optional<String> warning(Collection<String> collectors, int jdk) {
        if (!collectors.contains(CYCLES_BEAN)) {
            return Optional.empty();
        }
        String remedy = jdk >= 21 ? "start it with -XX:+ZGenerational" : "run the server on JDK 21 or later with"
                + " generational ZGC (the default from JDK 23; -XX:+ZGenerational on 21 and 22)";
        return Optional.of("the JVM (JDK " + jdk + ") collects with the ZGC of one generation, which stalls the"
                + " threads that allocate when its cycle cannot keep up on busy cores (stalls of up to 0.84 s measured"
                + " at 1,000 calls on two cores, the INVITEs' answers late by as much); "
                + remedy + ". The GC log's \"Allocation Stall\" lines show whether it happens here.");
    }
}
