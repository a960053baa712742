package org.activerecorder.rtp.adapter.receive;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a child JVM started with a small {@code ulimit -n} by {@link DescriptorStarvedAllocationTest}: uses up the
 * process's descriptors, asks the allocator for a pair, gives the descriptors back and asks again. Prints one line
 * per outcome for the test to read; the test JVM's own descriptors are never touched.
 *
 * <p>Arguments: first RTP port, last port of the range.
 */
public final class DescriptorStarvedAllocation {

    /** More than any {@code ulimit -n} the test uses: the loop ends at EMFILE long before. */
    private static final int MOST_FILLERS = 100_000;

    private DescriptorStarvedAllocation() {
    }

    public static void main(String[] args) throws IOException {
        int first = Integer.parseInt(args[0]);
        int last = Integer.parseInt(args[1]);
        // loaded now: once the descriptors are gone, no class file could be opened
        PortAllocator allocator = new PortAllocator(InetAddress.getLoopbackAddress(), first, last,
                ReceiverSettings.DEFAULT_RECEIVE_BUFFER_BYTES, DatagramChannel::open);
        Class<?>[] needed = {DescriptorsExhausted.class, PortPair.class, StringBuilder.class};
        DatagramChannel.open().close(); // the JDK's close path needs a descriptor of its own the first time
        System.out.println("loaded " + needed.length);

        List<DatagramChannel> fillers = new ArrayList<>();
        IOException filled = null;
        while (filled == null && fillers.size() < MOST_FILLERS) {
            try {
                fillers.add(DatagramChannel.open());
            } catch (IOException e) {
                filled = e;
            }
        }
        String outcome;
        try {
            PortPair pair = allocator.allocate();
            pair.close();
            outcome = "allocated " + pair.rtpPort();
        } catch (IOException e) {
            outcome = "refused " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        for (DatagramChannel filler : fillers) {
            filler.close();
        }
        System.out.println("filled " + fillers.size() + " sockets until: " + filled);
        System.out.println(outcome);
        PortPair again = allocator.allocate();
        again.close();
        System.out.println("then allocated " + again.rtpPort());
    }
}
