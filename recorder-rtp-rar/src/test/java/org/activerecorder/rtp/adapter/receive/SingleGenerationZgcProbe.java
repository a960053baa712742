package org.activerecorder.rtp.adapter.receive;

/** Run in a JVM of its own by {@link SingleGenerationZgcTest}: prints whether that JVM's collector is warned about. */
public final class SingleGenerationZgcProbe {

    private SingleGenerationZgcProbe() {
    }

    public static void main(String[] args) {
        System.out.println(SingleGenerationZgc.warning().isPresent() ? "warned" : "quiet");
    }
}
