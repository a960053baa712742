package org.activerecorder.rtp.adapter.pipeline;

import org.activerecorder.rtp.api.DtmfEvent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The telephone events (RFC 4733 DTMF) of one stream: one record per event, kept beside the audio, never in it.
 *
 * <p>An event is identified by its RTP timestamp, which all its packets share (RFC 4733 2.5.1): the packets update
 * its duration, and the end packet, which senders send three times, records it once. An event whose end never comes
 * is recorded with the longest duration seen and {@code ended = false} when the next event or the end of the stream
 * comes. A packet stamped before the current event belongs to an earlier one and is ignored. An event longer than a
 * 16-bit duration (about 8 s at 8 kHz) arrives as segments with their own timestamps (RFC 4733 2.5.2.2) and is
 * recorded as that many events.
 *
 * <p>Bounded: the arrays are allocated on the first event (most streams have none), double up to {@value #CAPACITY}
 * events, and further events are counted as omitted. Nothing is allocated per packet.
 */
public final class TelephoneEvents {

    public static final int CAPACITY = 256;
    private static final int INITIAL = 16;

    private long[] starts;
    private int[] codes;
    private long[] durations;
    private int[] volumes;
    private boolean[] ended;
    private int count;
    private long omitted;

    private boolean current;
    private long currentTimestamp;
    private long currentStart;
    private int currentCode;
    private int currentVolume;
    private long currentDuration;
    private boolean currentEnded;

    /**
     * One telephone-event packet.
     *
     * @param timestamp     its RTP timestamp: the event's start
     * @param code          the event code
     * @param end           its E bit
     * @param volume        its volume
     * @param duration      its duration so far, in samples of the file (the packet says it in RTP clock ticks)
     * @param startPosition the sample position its timestamp maps to in the stream's file
     */
    public void offer(long timestamp, int code, boolean end, int volume, int duration, long startPosition) {
        if (current) {
            int age = (int) (timestamp - currentTimestamp);
            if (age == 0) {
                update(end, volume, duration);
                return;
            }
            if (age < 0) {
                return;
            }
            if (!currentEnded) {
                record();
            }
        }
        current = true;
        currentTimestamp = timestamp;
        currentStart = Math.max(0, startPosition);
        currentCode = code;
        currentVolume = volume;
        currentDuration = duration;
        currentEnded = end;
        if (end) {
            record();
        }
    }

    /** The stream ended: an event still going on is recorded as not ended. */
    public void finish() {
        if (current && !currentEnded) {
            record();
        }
        current = false;
    }

    /** The recorded events, in order (allocates). */
    public List<DtmfEvent> events() {
        List<DtmfEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(new DtmfEvent(starts[i], codes[i], durations[i], volumes[i], ended[i]));
        }
        return events;
    }

    /** Events that did not fit. */
    public long omitted() {
        return omitted;
    }

    private void update(boolean end, int volume, int duration) {
        if (currentEnded) {
            return; // a retransmitted end packet, or a straggler after it
        }
        currentDuration = Math.max(currentDuration, duration);
        currentVolume = volume;
        if (end) {
            currentEnded = true;
            record();
        }
    }

    private void record() {
        if (count == CAPACITY) {
            omitted++;
            return;
        }
        if (starts == null || count == starts.length) {
            grow();
        }
        starts[count] = currentStart;
        codes[count] = currentCode;
        durations[count] = currentDuration;
        volumes[count] = currentVolume;
        ended[count] = currentEnded;
        count++;
    }

    private void grow() {
        int size = starts == null ? INITIAL : Math.min(CAPACITY, count * 2);
        starts = starts == null ? new long[size] : Arrays.copyOf(starts, size);
        codes = codes == null ? new int[size] : Arrays.copyOf(codes, size);
        durations = durations == null ? new long[size] : Arrays.copyOf(durations, size);
        volumes = volumes == null ? new int[size] : Arrays.copyOf(volumes, size);
        ended = ended == null ? new boolean[size] : Arrays.copyOf(ended, size);
    }
}
