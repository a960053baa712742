package org.activerecorder.rtp.api;

import org.activerecorder.rtp.api.StreamEvent.CloseReason;

import java.util.List;
import java.util.Map;

/**
 * The media plane's health figures at one moment, for the server's metrics: read from the adapter's own counters
 * when asked, never kept per packet for this purpose. Totals count since the adapter started (a redeploy starts
 * them again), over every stream, the open ones included.
 *
 * @param streamsOpen             streams open now
 * @param streamsPerLoop          streams open now on each receive loop (the list's size is the number of loops)
 * @param portPairsInUse          RTP/RTCP port pairs bound now
 * @param portPairsFree           port pairs of the configured range not bound by the adapter
 * @param totals                  the streams' counters summed (packets received, lost, malformed, ...)
 * @param audioBytesWritten       bytes of audio written to the stream files (silence included)
 * @param streamsClosed           streams closed so far, by reason ({@link CloseReason#WRITE_FAILED}: a file write
 *                                failed)
 * @param eventsPending           stream events waiting to be taken by the recorder (the delivery queue's depth)
 * @param eventsDelivered         stream events taken
 * @param eventRetries            times an event was refused and offered again
 * @param kernelDropsOpenSockets  datagrams the kernel dropped on the adapter's open sockets (their receive buffer
 *                                was full), from {@code /proc/net/udp}; -1 when it cannot be read
 * @param udpReceiveBufferErrors  the host's UDP {@code RcvbufErrors} from {@code /proc/net/snmp} (every socket of
 *                                the network namespace); -1 when it cannot be read
 * @param fileDescriptorsOpen     file descriptors the server process holds now (each stream holds three: RTP,
 *                                RTCP, its file); -1 when it cannot be read
 * @param fileDescriptorsMax      the most the process may hold ({@code ulimit -n}); -1 when it cannot be read
 * @param decodeBacklog           packets waiting for the decode workers now (codecs decoded off the receive loops:
 *                                Opus); what they hold back when they fall behind
 * @param streamsHeld             streams whose packets the receive loops leave in their sockets now, their decoding
 *                                that far behind (Opus: its decode slots or its audio window full)
 * @param decodeHolds             times a receive loop began to hold a stream so, since the adapter started: a decode
 *                                worker behind (a collector's pause, the JIT at start, too many Opus streams), its
 *                                audio delayed but not lost
 * @param decodeHoldLimits        times a held stream fell the hold's limit behind its wall clock and was read again,
 *                                its packets refused while its decoding was behind (audio lost: undecoded packets)
 * @param udpMemoryPages          the host's UDP memory in use now, in pages ({@code /proc/net/sockstat}): every UDP
 *                                socket's queued datagrams; -1 when it cannot be read
 * @param udpMemoryLimitPages     UDP's memory limit, in pages (the first figure of {@code net.ipv4.udp_mem}): past
 *                                it the kernel drops at every socket, whatever its buffer; -1 when it cannot be read
 */
public record MediaPlaneFigures(int streamsOpen, List<Integer> streamsPerLoop, int portPairsInUse, int portPairsFree,
                                StreamStatistics totals, long audioBytesWritten, Map<CloseReason, Long> streamsClosed,
                                long eventsPending, long eventsDelivered, long eventRetries,
                                long kernelDropsOpenSockets, long udpReceiveBufferErrors,
                                long fileDescriptorsOpen, long fileDescriptorsMax, long decodeBacklog,
                                int streamsHeld, long decodeHolds, long decodeHoldLimits, long udpMemoryPages,
                                long udpMemoryLimitPages) {

    public MediaPlaneFigures {
        streamsPerLoop = List.copyOf(streamsPerLoop);
        streamsClosed = Map.copyOf(streamsClosed);
    }

    /** Figures without the file descriptors and the UDP memory (unknown, -1). */
    public MediaPlaneFigures(int streamsOpen, List<Integer> streamsPerLoop, int portPairsInUse, int portPairsFree,
                             StreamStatistics totals, long audioBytesWritten, Map<CloseReason, Long> streamsClosed,
                             long eventsPending, long eventsDelivered, long eventRetries,
                             long kernelDropsOpenSockets, long udpReceiveBufferErrors) {
        this(streamsOpen, streamsPerLoop, portPairsInUse, portPairsFree, totals, audioBytesWritten, streamsClosed,
                eventsPending, eventsDelivered, eventRetries, kernelDropsOpenSockets, udpReceiveBufferErrors, -1, -1, 0,
                0, 0, 0, -1, -1);
    }

    /** Streams closed for {@code reason} so far. */
    public long streamsClosed(CloseReason reason) {
        return streamsClosed.getOrDefault(reason, 0L);
    }
}
