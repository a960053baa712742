package org.activerecorder.sip.siprec;

import java.util.Objects;

/**
 * An audio m-line of a SIPREC offer, as the channel rules need it: where it stands in the SDP (the answer mirrors
 * the offer's m-lines one for one, RFC 3264 §6) and its {@code a=label} (RFC 4574), which names the metadata's stream.
 *
 * @param index its position among all the offer's m-lines, from 0
 * @param label its {@code a=label} value, "" when it has none
 */
public record AudioLine(int index, String label) {
    public AudioLine {
        if (index < 0) {
            throw new IllegalArgumentException("m-line index " + index);
        }
        label = Objects.requireNonNullElse(label, "").strip();
    }

    public boolean hasLabel() {
        return !label.isEmpty();
    }

    @Override
    public String toString() {
        return "m-line " + index + (hasLabel() ? " (label " + label + ")" : " (no label)");
    }
}
