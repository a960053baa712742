package org.activerecorder.load;

import org.activerecorder.testsupport.WavContent;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a recording's audio is what the load tool sent: a stereo 8 kHz 16-bit WAV whose left channel holds the
 * agent's tone and right channel the customer's, each exactly as long as that party's packets (within one packet:
 * where a sine starts and ends is read from its first and last loud samples), at its frequency, without a hole.
 */
final class WavCheck {

    /** Louder than this is tone: the tones are at about -6 dBFS (16000). */
    static final int LOUD = 1000;
    /** Samples of a 20 ms packet: how far a length may be off. */
    static final int PACKET = 160;
    /** A run of near-silence this long inside a tone is a hole (a sine of 100 Hz or more is never this quiet). */
    static final int HOLE = 16;
    private static final int WINDOW = 800;

    private WavCheck() {
    }

    /** What one party sent: its tone (0: a WAV was played, the frequency is not checked) and packet count. */
    record Party(String name, int frequency, long packets) {
    }

    /** The problems found, none when the audio is right. */
    static List<String> problems(byte[] wav, Party left, Party right) {
        List<String> problems = new ArrayList<>();
        WavContent content;
        try {
            content = WavContent.of(wav);
        } catch (IOException e) {
            problems.add("not a readable WAV (" + e.getMessage() + ")");
            return problems;
        }
        if (content.channels() != 2 || content.format().getSampleRate() != 8000f
                || content.format().getSampleSizeInBits() != 16) {
            problems.add("format " + content.format() + ", expected 8 kHz 16-bit stereo");
            return problems;
        }
        check(content, 0, left, problems);
        check(content, 1, right, problems);
        return problems;
    }

    private static void check(WavContent content, int channel, Party party, List<String> problems) {
        int onset = content.onset(channel, LOUD);
        if (onset < 0) {
            problems.add(party.name() + " channel is silent");
            return;
        }
        int end = content.end(channel, LOUD);
        long heard = end - onset + 1L;
        long sent = party.packets() * PACKET;
        if (Math.abs(heard - sent) > PACKET) {
            problems.add(party.name() + " channel holds " + heard + " samples of tone, " + sent + " were sent");
        }
        int hole = content.longestQuietRun(channel, onset, end, LOUD / 4);
        if (party.frequency() > 0 && hole > HOLE) {
            problems.add(party.name() + " channel has a hole of " + hole + " samples inside its tone");
        }
        if (party.frequency() > 0 && heard >= WINDOW) {
            int from = (int) (onset + heard / 2 - WINDOW / 2);
            double dominant = content.dominantFrequency(channel, from, WINDOW);
            if (Math.abs(dominant - party.frequency()) > 10) {
                problems.add(party.name() + " channel's tone is " + Math.round(dominant) + " Hz, "
                        + party.frequency() + " Hz was sent");
            }
        }
    }
}
