package org.activerecorder.rtp.adapter.packet;

import java.nio.ByteBuffer;

/**
 * A reusable, allocation-free view of an RFC 4733 telephone-event payload (section 2.3): the event code, the end
 * bit, the volume and the duration so far, read in place from the first four octets of the payload.
 *
 * <p>A payload may carry further four-octet blocks (RFC 4733 2.5.1.5 lets a sender repeat earlier events of the
 * same packet); only the first, the current event, is read. Bad input never throws: {@link #parse} says whether the
 * payload can be one.
 */
public final class TelephoneEventView {

    /** Octets of one event block. */
    public static final int BLOCK_LENGTH = 4;

    private int event;
    private boolean end;
    private int volume;
    private int duration;

    /** Reads the event at absolute index {@code offset} of {@code buffer}, {@code length} payload octets long. */
    public boolean parse(ByteBuffer buffer, int offset, int length) {
        if (length < BLOCK_LENGTH) {
            return false;
        }
        event = buffer.get(offset) & 0xFF;
        int flags = buffer.get(offset + 1) & 0xFF;
        end = (flags & 0x80) != 0;
        volume = flags & 0x3F;
        duration = (buffer.get(offset + 2) & 0xFF) << 8 | buffer.get(offset + 3) & 0xFF;
        return true;
    }

    /** The event code: 0-9 the digits, 10 {@code *}, 11 {@code #}, 12-15 A-D, 16 flash. */
    public int event() {
        return event;
    }

    /** The E bit: this packet reports the end of the event. */
    public boolean end() {
        return end;
    }

    /** The power level in -dBm0, 0 to 63. */
    public int volume() {
        return volume;
    }

    /** The duration so far in timestamp units, from the event's timestamp on (0 to 65535). */
    public int duration() {
        return duration;
    }
}
