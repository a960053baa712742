package org.activerecorder.sip.siprec;

import java.util.ArrayList;
import java.util.List;

/**
 * The audio m-lines of an SDP offer with their {@code a=label} values. The SDP package's {@code OfferedMedia} does
 * not carry labels yet; until it does, this reads the two line types it needs and nothing else (the offer itself is
 * validated by {@code SdpOffer}). Media-level {@code a=label} only: RFC 4574 defines no session-level label.
 */
public final class SdpLabels {

    private SdpLabels() {
    }

    public static List<AudioLine> audioLines(String sdp) {
        List<AudioLine> lines = new ArrayList<>();
        if (sdp == null) {
            return lines;
        }
        int index = -1;
        boolean audio = false;
        String label = "";
        for (String line : sdp.split("\r?\n|\r")) {
            if (line.startsWith("m=")) {
                if (audio) {
                    lines.add(new AudioLine(index, label));
                }
                index++;
                audio = line.regionMatches(true, 2, "audio ", 0, 6);
                label = "";
            } else if (index >= 0 && line.startsWith("a=label:") && label.isEmpty()) {
                label = line.substring("a=label:".length()).strip();
            }
        }
        if (audio) {
            lines.add(new AudioLine(index, label));
        }
        return lines;
    }
}
