package org.activerecorder.load;

import org.activerecorder.testsupport.ToneSource;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WavCheckTest {

    private static final WavCheck.Party AGENT = new WavCheck.Party("left (agent)", 440, 100);
    private static final WavCheck.Party CUSTOMER = new WavCheck.Party("right (customer)", 1000, 100);

    @Test
    void twoWholeTonesPass() {
        byte[] wav = stereo(tone(440, 16000, 0), tone(1000, 16000, 400), 18000);
        assertEquals(List.of(), WavCheck.problems(wav, 8000, AGENT, CUSTOMER));
    }

    @Test
    void aChannelOneAndAHalfPacketsShortFails() {
        byte[] wav = stereo(tone(440, 16000 - 240, 0), tone(1000, 16000, 0), 16000);
        List<String> problems = WavCheck.problems(wav, 8000, AGENT, CUSTOMER);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).matches("left \\(agent\\) channel holds 157\\d\\d samples of tone, 16000 were sent"),
                problems.get(0));
    }

    @Test
    void swappedChannelsFail() {
        byte[] wav = stereo(tone(1000, 16000, 0), tone(440, 16000, 0), 16000);
        List<String> problems = WavCheck.problems(wav, 8000, AGENT, CUSTOMER);
        assertTrue(problems.contains("left (agent) channel's tone is 1000 Hz, 440 Hz was sent"), problems.toString());
        assertTrue(problems.contains("right (customer) channel's tone is 440 Hz, 1000 Hz was sent"),
                problems.toString());
    }

    @Test
    void aHoleInsideTheToneFails() {
        short[] agent = tone(440, 16000, 0);
        java.util.Arrays.fill(agent, 8000, 8160, (short) 0);
        List<String> problems = WavCheck.problems(stereo(agent, tone(1000, 16000, 0), 16000), 8000, AGENT, CUSTOMER);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("left (agent) channel has a hole of")),
                problems.toString());
    }

    @Test
    void aSilentChannelAndAMonoFileFail() {
        assertEquals(List.of("right (customer) channel is silent"),
                WavCheck.problems(stereo(tone(440, 16000, 0), new short[0], 16000), 8000, AGENT, CUSTOMER));
        byte[] mono = wav(tone(440, 16000, 0), 1);
        assertTrue(WavCheck.problems(mono, 8000, AGENT, CUSTOMER).get(0).startsWith("format"));
    }

    @Test
    void aWidebandRecordingIsCheckedAt16kHzWithItsPacketsTwiceAsLong() {
        // 100 packets of 20 ms at 16 kHz: 32,000 samples of each tone
        byte[] whole = wav(interleave(wide(440, 32_000, 0), wide(1000, 32_000, 640), 33_000), 2, 16_000);
        assertEquals(List.of(), WavCheck.problems(whole, 16_000, AGENT, CUSTOMER));
        byte[] short8k = wav(interleave(wide(440, 32_000 - 480, 0), wide(1000, 32_000, 0), 32_000), 2, 16_000);
        List<String> problems = WavCheck.problems(short8k, 16_000, AGENT, CUSTOMER);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).matches("left \\(agent\\) channel holds 315\\d\\d samples of tone, 32000 were sent"),
                problems.get(0));
        short[] holed = wide(440, 32_000, 0);
        java.util.Arrays.fill(holed, 16_000, 16_040, (short) 0); // 2.5 ms: a hole at 16 kHz too
        assertTrue(WavCheck.problems(wav(interleave(holed, wide(1000, 32_000, 0), 32_000), 2, 16_000), 16_000, AGENT,
                CUSTOMER).stream().anyMatch(p -> p.startsWith("left (agent) channel has a hole of")));
        assertTrue(WavCheck.problems(whole, 8000, AGENT, CUSTOMER).get(0).startsWith("format"),
                "a wideband file where narrowband was expected");
    }

    /** {@code samples} of a 16 kHz tone after {@code offset} silent samples. */
    private static short[] wide(int frequency, int samples, int offset) {
        short[] pcm = new short[offset + samples];
        System.arraycopy(ToneSource.linear(frequency, samples, 16_000), 0, pcm, offset, samples);
        return pcm;
    }

    /** {@code samples} of the tone after {@code offset} silent samples, as the recorder decodes G.711. */
    private static short[] tone(int frequency, int samples, int offset) {
        short[] pcm = new short[offset + samples];
        short[] decoded = ToneSource.decodeWithJdk(ToneSource.encoded(frequency, samples, true), true);
        System.arraycopy(decoded, 0, pcm, offset, samples);
        return pcm;
    }

    private static byte[] stereo(short[] left, short[] right, int frames) {
        return wav(interleave(left, right, frames), 2);
    }

    private static short[] interleave(short[] left, short[] right, int frames) {
        short[] interleaved = new short[frames * 2];
        for (int i = 0; i < frames; i++) {
            interleaved[2 * i] = i < left.length ? left[i] : 0;
            interleaved[2 * i + 1] = i < right.length ? right[i] : 0;
        }
        return interleaved;
    }

    private static byte[] wav(short[] samples, int channels) {
        return wav(samples, channels, 8000);
    }

    private static byte[] wav(short[] samples, int channels, int rate) {
        ByteBuffer out = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples.length * 2)
                .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) channels).putInt(rate).putInt(rate * 2 * channels).putShort((short) (2 * channels))
                .putShort((short) 16).put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples.length * 2);
        for (short sample : samples) {
            out.putShort(sample);
        }
        return out.array();
    }
}
