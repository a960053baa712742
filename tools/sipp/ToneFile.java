import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a sine tone as raw G.711 mu-law at 8 kHz, the form SIPp's rtp_stream plays, encoded by the
 * JDK's own codec (javax.sound).
 * Usage: java ToneFile.java <hz> <seconds> <file>
 * (Java runs this source file directly; no build needed.)
 */
public class ToneFile {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java ToneFile.java <hz> <seconds> <file>");
            System.exit(2);
        }
        double hz = Double.parseDouble(args[0]);
        int samples = (int) Math.round(Double.parseDouble(args[1]) * 8000);
        ByteBuffer pcm = ByteBuffer.allocate(samples * 2);
        for (int i = 0; i < samples; i++) {
            pcm.putShort((short) Math.round(10000 * Math.sin(2 * Math.PI * hz * i / 8000)));
        }
        AudioFormat linear = new AudioFormat(8000, 16, 1, true, true);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm.array()), linear, samples);
             AudioInputStream muLaw = AudioSystem.getAudioInputStream(AudioFormat.Encoding.ULAW, in)) {
            Files.write(Path.of(args[2]), muLaw.readAllBytes());
        }
    }
}
