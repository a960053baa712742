import java.security.MessageDigest;
import java.util.Random;

/**
 * What the SHA-256 of a finished recording costs on this machine: the stereo file of a 5-minute call at 8 kHz is
 * 9.6 MB. Run with {@code java tools/perf/Sha256Cost.java [megabytes]}; the last rounds are the steady figure.
 */
public class Sha256Cost {
    public static void main(String[] args) throws Exception {
        int bytes = (int) (Double.parseDouble(args.length > 0 ? args[0] : "9.6") * 1_000_000);
        byte[] data = new byte[bytes];
        new Random(1).nextBytes(data);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (int round = 1; round <= 30; round++) {
            long start = System.nanoTime();
            digest.update(data);
            digest.digest();
            if (round % 5 == 0) {
                System.out.printf("round %d: %.2f ms for %.1f MB%n", round, (System.nanoTime() - start) / 1e6,
                        bytes / 1e6);
            }
        }
    }
}
