package org.activerecorder.load;

import org.activerecorder.testsupport.WavContent;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a recording's audio is what the load tool sent: a stereo 16-bit WAV at the codec's rate (8 kHz for G.711,
 * 16 kHz for the wideband codecs) whose left channel holds the agent's tone and right channel the customer's, each
 * exactly as long as that party's packets (within one packet: where a sine starts and ends is read from its first and
 * last loud samples), at its frequency, without a hole.
 */
final class WavCheck {

    /** Louder than this is tone: the tones are at about -6 dBFS (16000). */
    static final int LOUD = 1000;
    /** Samples of a 20 ms packet at 8 kHz: how far a length may be off (twice as many at 16 kHz). */
    static final int PACKET = 160;
    /**
     * A run of near-silence this long (2 ms) inside a tone is a hole (a sine of 100 Hz or more is never this quiet);
     * at 8 kHz, twice as many samples at 16 kHz.
     */
    static final int HOLE = 16;
    /** 100 ms at 8 kHz: the span the tone's frequency is read in. */
    private static final int WINDOW = 800;

    private WavCheck() {
    }

    /** What one party sent: its tone (0: a WAV was played, the frequency is not checked) and packet count. */
    record Party(String name, int frequency, long packets) {
    }

    /** The problems found, none when the audio is right. */
    static List<String> problems(byte[] wav, int rate, Party left, Party right) {
        List<String> problems = new ArrayList<>();
        WavContent content;
        try {
            content = WavContent.of(wav);
        } catch (IOException e) {
            problems.add("not a readable WAV (" + e.getMessage() + ")");
            return problems;
        }
        if (content.channels() != 2 || content.format().getSampleRate() != rate
                || content.format().getSampleSizeInBits() != 16) {
            problems.add("format " + content.format() + ", expected " + rate + " Hz 16-bit stereo");
            return problems;
        }
        int scale = rate / 8000;
        check(content, 0, left, scale, problems);
        check(content, 1, right, scale, problems);
        return problems;
    }

    private static void check(WavContent content, int channel, Party party, int scale, List<String> problems) {
        int onset = content.onset(channel, LOUD);
        if (onset < 0) {
            problems.add(party.name() + " channel is silent");
            return;
        }
        int end = content.end(channel, LOUD);
        long heard = end - onset + 1L;
        long sent = party.packets() * PACKET * scale;
        if (Math.abs(heard - sent) > (long) PACKET * scale) {
            problems.add(party.name() + " channel holds " + heard + " samples of tone, " + sent + " were sent");
        }
        int hole = content.longestQuietRun(channel, onset, end, LOUD / 4);
        if (party.frequency() > 0 && hole > HOLE * scale) {
            problems.add(party.name() + " channel has a hole of " + hole + " samples inside its tone");
        }
        int window = WINDOW * scale;
        if (party.frequency() > 0 && heard >= window) {
            int from = (int) (onset + heard / 2 - window / 2);
            double dominant = content.dominantFrequency(channel, from, window);
            if (Math.abs(dominant - party.frequency()) > 10) {
                problems.add(party.name() + " channel's tone is " + Math.round(dominant) + " Hz, "
                        + party.frequency() + " Hz was sent");
            }
        }
    }
}
