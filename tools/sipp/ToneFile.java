import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a sine tone as raw G.711 mu-law at 8 kHz, the form SIPp's rtp_stream plays.
 * Usage: java ToneFile.java <hz> <seconds> <file>
 * (Java runs this source file directly; no build needed.)
 */
public class ToneFile {
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: java ToneFile.java <hz> <seconds> <file>");
            System.exit(2);
        }
        double hz = Double.parseDouble(args[0]);
        int samples = (int) Math.round(Double.parseDouble(args[1]) * 8000);
        byte[] out = new byte[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = muLaw((int) Math.round(10000 * Math.sin(2 * Math.PI * hz * i / 8000)));
        }
        Files.write(Path.of(args[2]), out);
    }

    /** ITU-T G.711 mu-law, segment algorithm. */
    static byte muLaw(int sample) {
        int sign = (sample >> 8) & 0x80;
        if (sign != 0) {
            sample = -sample;
        }
        sample = Math.min(sample, 32635) + 0x84;
        int exponent = 7;
        for (int mask = 0x4000; (sample & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (sample >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }
}
