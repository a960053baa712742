package org.activerecorder.sip.siprec;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SdpLabelsTest {

    @Test
    void audioLinesKeepTheirPlaceAmongAllMlinesAndTheirLabel() {
        String sdp = String.join("\r\n", "v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "t=0 0",
                "m=audio 49170 RTP/AVP 0", "a=label:96", "a=sendonly",
                "m=video 49174 RTP/AVPF 96", "a=label:97",
                "m=audio 51372 RTP/AVP 0", "a=sendonly", "a=label:98",
                "m=AUDIO 51374 RTP/AVP 8", "") + "\r\n";
        assertEquals(List.of(new AudioLine(0, "96"), new AudioLine(2, "98"), new AudioLine(3, "")),
                SdpLabels.audioLines(sdp));
    }

    @Test
    void bareLineFeedsAnySessionLevelLabelIgnoredAndTheFirstLabelWins() {
        String sdp = "v=0\na=label:session\nm=audio 1 RTP/AVP 0\na=label:a_leg\na=label:second\nm=audio 2 RTP/AVP 0\n"
                + "a=label:16777227";
        assertEquals(List.of(new AudioLine(0, "a_leg"), new AudioLine(1, "16777227")), SdpLabels.audioLines(sdp));
    }

    @Test
    void noSdpNoLines() {
        assertEquals(List.of(), SdpLabels.audioLines(null));
        assertEquals(List.of(), SdpLabels.audioLines("v=0\r\n"));
    }
}
