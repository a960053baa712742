package org.activerecorder.bench.sharedport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A measurement for issue 14: what receiving every RTP stream on ONE shared port costs, demultiplexed by SSRC,
 * beside the anchor {@code FloorNio.java} (one socket per stream under a Selector). Run by
 * {@code recorder-bench/shared-port/run.sh} against the paced C sender {@code rtpblast -f} (all streams to one
 * port); prints one line in the anchor's keys ({@code received=}, {@code cpu_cores=}, ...).
 *
 * <pre>
 * java -cp recorder-bench.jar org.activerecorder.bench.sharedport.SharedPortReceiver \
 *      nio|epoll|pipeline|groups STREAMS PORT OUTDIR [IDLE_S=2] [MAX_S=120] [BATCH=64] [PER_PORT=32]
 * </pre>
 * {@code nio}: blocking {@code receive()} on a DatagramChannel; {@code epoll}: Netty's native epoll transport with
 * {@code recvmmsg} of up to BATCH datagrams; {@code pipeline}: as {@code nio}, each packet through the recorder's
 * {@code StreamPipeline} into its {@code WavFile}; {@code groups}: PER_PORT streams on each of several ports from PORT
 * up (every second port), one Selector, each ready socket read until empty, at most BATCH a turn
 * ({@link GroupedPorts}). Not part of the product.
 */
public final class SharedPortReceiver {

    /** 4 MiB asked (the kernel doubles it, capped by net.core.rmem_max): about 40 ms of 100,000 packets/s. */
    private static final int RECEIVE_BUFFER = 4 << 20;

    private SharedPortReceiver() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: SharedPortReceiver nio|epoll|pipeline|groups STREAMS PORT OUTDIR [IDLE_S=2] "
                    + "[MAX_S=120] [BATCH=64] [PER_PORT=32]");
            System.exit(2);
        }
        String mode = args[0];
        int streams = Integer.parseInt(args[1]);
        int port = Integer.parseInt(args[2]);
        Path folder = Files.createDirectories(Path.of(args[3]));
        double idle = args.length > 4 ? Double.parseDouble(args[4]) : 2.0;
        double max = args.length > 5 ? Double.parseDouble(args[5]) : 120.0;
        int batch = args.length > 6 ? Integer.parseInt(args[6]) : 64;
        int perPort = args.length > 7 ? Integer.parseInt(args[7]) : 32;
        String line = switch (mode) {
            case "nio" -> new BlockingSharedPort(port, RECEIVE_BUFFER)
                    .run("SharedNio", new PayloadStreams(streams, folder), idle, max);
            case "pipeline" -> new BlockingSharedPort(port, RECEIVE_BUFFER)
                    .run("SharedPipeline", new PipelineStreams(streams, folder), idle, max);
            case "epoll" -> EpollSharedPort.run(new PayloadStreams(streams, folder), port, RECEIVE_BUFFER, batch, idle,
                    max);
            case "groups" -> new GroupedPorts(streams, perPort, port, RECEIVE_BUFFER)
                    .run("GroupedPorts" + perPort, new PayloadStreams(streams, folder), batch, idle, max);
            default -> throw new IllegalArgumentException("mode: nio, epoll, pipeline or groups, not " + mode);
        };
        System.out.println(line);
    }
}
