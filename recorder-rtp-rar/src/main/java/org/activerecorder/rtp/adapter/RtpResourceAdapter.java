package org.activerecorder.rtp.adapter;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkManager;
import org.activerecorder.rtp.adapter.delivery.EndpointEventDispatcher;
import org.activerecorder.rtp.adapter.metrics.ClosedStreamTally;
import org.activerecorder.rtp.adapter.metrics.DescriptorBudget;
import org.activerecorder.rtp.adapter.metrics.MediaPlaneProbe;
import org.activerecorder.rtp.adapter.metrics.OpenFiles;
import org.activerecorder.rtp.adapter.receive.ReceiverSettings;
import org.activerecorder.rtp.adapter.receive.RtpReceiver;
import org.activerecorder.rtp.adapter.work.WorkManagerExecutor;
import org.activerecorder.rtp.api.MediaPlaneFigures;

import javax.transaction.xa.XAResource;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Logger;

/**
 * The RTP resource adapter: receives RTP streams on a port range and records each to a WAV file.
 *
 * <p>Life cycle: {@link #start} validates the configuration and starts, as long-running Work on the container's
 * WorkManager, the event delivery workers and then the receive loops and their file closer; that is all the Work
 * the adapter ever schedules. {@link #stop} closes every open stream (each gets a {@code Closed} event with reason
 * {@code ADAPTER_STOPPED} and a finished file), ends the loops and the closer, lets delivery drain for up to five
 * seconds and so gives every thread back. Endpoint activation only registers the MDB's endpoint factory for events;
 * it is idempotent both ways.
 *
 * <p>Configuration (set from system properties through {@code META-INF/ironjacamar.xml}): {@code bindAddress},
 * {@code portMin}, {@code portMax}, {@code receiveLoops}, {@code allowedPeers}, {@code quietLimitSeconds},
 * {@code receiveBufferBytes}, {@code decodeHoldLimitSeconds}, {@code streamsPerPort}, {@code portSharing},
 * {@code deliveryWorkers}.
 */
@Connector(
        displayName = "Active Recorder RTP adapter",
        description = "Receives RTP (G.711) streams on a port range and records each to a WAV file",
        vendorName = "Active Recorder",
        eisType = "RTP media",
        version = "0.1",
        transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction,
        reauthenticationSupport = false)
public class RtpResourceAdapter implements ResourceAdapter {

    private static final Logger LOG = Logger.getLogger(RtpResourceAdapter.class.getName());

    /** How long {@link #stop} waits for the loops to close their streams. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** How long {@link #stop} lets events still pending be delivered (the MDB usually stopped before the adapter). */
    private static final long DRAIN_SECONDS = 5;

    @ConfigProperty(defaultValue = "127.0.0.1",
            description = "Local address the RTP/RTCP sockets bind to, and that OpenedStream reports")
    private String bindAddress = "127.0.0.1";

    @ConfigProperty(defaultValue = "14000", description = "Lowest port of the RTP/RTCP range")
    private Integer portMin = 14000;

    @ConfigProperty(defaultValue = "29999", description = "Highest port of the RTP/RTCP range")
    private Integer portMax = 29999;

    @ConfigProperty(defaultValue = "0", description = "Receive loops (threads, one Selector each) sharing the streams;"
            + " 0: one per core the JVM sees")
    private Integer receiveLoops = 0;

    @ConfigProperty(defaultValue = "127.0.0.1,::1",
            description = "Comma-separated addresses media may come from, or *; other hosts' datagrams are dropped")
    private String allowedPeers = "127.0.0.1,::1";

    @ConfigProperty(defaultValue = "7200",
            description = "Seconds without a packet after which a stream is closed with NO_MEDIA (a sender gone"
                    + " without a BYE); counted from the open if no packet ever came; 0 never closes one")
    private Integer quietLimitSeconds = ReceiverSettings.DEFAULT_QUIET_LIMIT_SECONDS;

    @ConfigProperty(defaultValue = "1048576",
            description = "Receive buffer (SO_RCVBUF) asked for on every RTP socket, in bytes: what the kernel holds"
                    + " while a receive loop is busy; capped by net.core.rmem_max")
    private Integer receiveBufferBytes = ReceiverSettings.DEFAULT_RECEIVE_BUFFER_BYTES;

    @ConfigProperty(defaultValue = "4",
            description = "Seconds a stream decoded off the receive loops (Opus) may fall behind its wall clock while"
                    + " the loop leaves its packets in the socket for its decode worker to catch up, instead of"
                    + " refusing them (each a recorder failure gap); 0 never holds a stream. Within what the receive"
                    + " buffer holds of a stream (1 MiB: some 16 s of Opus)")
    private Integer decodeHoldLimitSeconds = ReceiverSettings.DEFAULT_DECODE_HOLD_LIMIT_SECONDS;

    @ConfigProperty(defaultValue = "32",
            description = "How many G.711 and L16 streams may share one RTP port (docs/port-groups.md): fewer system"
                    + " calls per packet, one receive buffer (asked for as receiveBufferBytes times this) for the"
                    + " group. 1 gives every stream a port of its own")
    private Integer streamsPerPort = ReceiverSettings.DEFAULT_STREAMS_PER_PORT;

    @ConfigProperty(defaultValue = "proven",
            description = "Whose streams share ports when streamsPerPort is more than 1: 'proven', the streams of a"
                    + " media address whose streams on ports of their own have come from exactly the address and port"
                    + " their SDP named, 16 in a row (a sender behind NAT never does, and keeps a port per stream);"
                    + " 'all', every stream's from its first (docs/port-groups.md, rule 9)")
    private String portSharing = "proven";

    @ConfigProperty(defaultValue = "6",
            description = "Threads that deliver stream events (first packet, end) to the EJB side, each stream's always"
                    + " to the same one; a stream's end and its recording's assembly run on one. Six let call ends"
                    + " overlap their database and file work: at 50 call ends/s, 2 gave a p99 of 14.7 s from the last"
                    + " BYE to the recording's completion, 6 gave 3.4 s, 12 no better and cost CPU and INVITE latency"
                    + " (docs/performance.md)")
    private Integer deliveryWorkers = 6;

    private volatile RtpReceiver receiver;
    private volatile EndpointEventDispatcher dispatcher;
    private volatile MediaPlaneProbe probe;

    @Override
    public void start(BootstrapContext context) throws ResourceAdapterInternalException {
        ReceiverSettings settings;
        try {
            settings = ReceiverSettings.parse(bindAddress, portMin, portMax, receiveLoops, allowedPeers,
                    quietLimitSeconds, receiveBufferBytes, decodeHoldLimitSeconds, streamsPerPort, portSharing);
        } catch (IllegalArgumentException e) {
            throw new ResourceAdapterInternalException("invalid RTP adapter configuration: " + e.getMessage(), e);
        }
        WorkManager workManager = context.getWorkManager();
        EndpointEventDispatcher events = new EndpointEventDispatcher(Math.max(1, deliveryWorkers));
        try {
            events.start(WorkManagerExecutor.longRunning(workManager, "rtp-event-delivery"));
        } catch (RejectedExecutionException e) {
            throw new ResourceAdapterInternalException("cannot start RTP event delivery: " + e.getMessage(), e);
        }
        ClosedStreamTally closedStreams = new ClosedStreamTally(events);
        RtpReceiver started = new RtpReceiver(settings, closedStreams, Clock.systemUTC());
        try {
            started.start(WorkManagerExecutor.longRunning(workManager, "rtp-receive-loop"),
                    WorkManagerExecutor.longRunning(workManager, "rtp-decode-worker"),
                    WorkManagerExecutor.longRunning(workManager, "rtp-file-closer"),
                    WorkManagerExecutor.longRunning(workManager, "rtp-kernel-drops"));
        } catch (IOException e) {
            events.stop(Duration.ZERO);
            throw new ResourceAdapterInternalException("cannot start the RTP receive loops: " + e.getMessage(), e);
        }
        dispatcher = events;
        receiver = started;
        probe = MediaPlaneProbe.of(started, events, closedStreams);
        DescriptorBudget descriptors = checkDescriptors(settings);
        LOG.info(() -> "RTP adapter started: ports " + settings.firstRtpPort() + "-" + settings.portMax() + " on "
                + settings.bindAddress().getHostAddress() + ", " + settings.receiveLoops()
                + " receive loop(s), " + settings.receiveBufferBytes() + "-byte receive buffers, media accepted from "
                + settings.allowedPeers() + ", streams closed after "
                + (settings.quietLimit().isZero() ? "no quiet limit" : settings.quietLimit().toSeconds() + " s quiet")
                + ", Opus streams held for their decoding up to " + settings.decodeHoldLimit().toSeconds() + " s"
                + (descriptors.known() ? "; " + descriptors.openNow() + " of " + descriptors.max()
                        + " file descriptors open, room for " + descriptors.callsThatFit() + " two-party calls" : ""));
    }

    /**
     * Compares the open-files limit with what the port range can need, and warns if the limit runs out first: the
     * operator learns it at start, not from refused calls at the busiest hour.
     */
    private static DescriptorBudget checkDescriptors(ReceiverSettings settings) {
        DescriptorBudget budget = DescriptorBudget.now(new OpenFiles(OpenFiles.PROC_SELF), settings.portPairs());
        budget.warning(settings.firstRtpPort() + "-" + settings.portMax()).ifPresent(LOG::warning);
        return budget;
    }

    @Override
    public void stop() {
        RtpReceiver stopping = receiver;
        receiver = null;
        probe = null;
        if (stopping != null) {
            int open = stopping.openStreams();
            stopping.stop(STOP_TIMEOUT);
            LOG.info(() -> "RTP adapter stopped; " + open + " open stream(s) closed");
        }
        EndpointEventDispatcher events = dispatcher;
        if (events != null) {
            events.stop(Duration.ofSeconds(DRAIN_SECONDS));
            LOG.info(() -> "RTP event delivery stopped: " + events.summary());
        }
    }

    @Override
    public void endpointActivation(MessageEndpointFactory endpointFactory, ActivationSpec spec)
            throws ResourceException {
        if (!(spec instanceof RtpActivationSpec)) {
            throw new NotSupportedException("unexpected activation spec " + spec);
        }
        EndpointEventDispatcher events = dispatcher;
        if (events == null) {
            throw new ResourceException("the RTP adapter is not started");
        }
        if (events.activate(endpointFactory)) {
            LOG.fine(() -> "stream event endpoint activated: " + endpointFactory);
        }
    }

    /** Idempotent: WildFly calls it twice for the same endpoint on shutdown. */
    @Override
    public void endpointDeactivation(MessageEndpointFactory endpointFactory, ActivationSpec spec) {
        EndpointEventDispatcher events = dispatcher;
        if (events != null && events.deactivate(endpointFactory)) {
            LOG.fine(() -> "stream event endpoint deactivated: " + endpointFactory);
        }
    }

    /** No transactions, so nothing to recover. */
    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    /** The running receiver, for the connection handles. */
    RtpReceiver receiver() throws ResourceException {
        RtpReceiver running = receiver;
        if (running == null) {
            throw new ResourceException("the RTP adapter is not started");
        }
        return running;
    }

    /** The media plane's figures now, for the server's metrics. */
    MediaPlaneFigures mediaPlane() throws ResourceException {
        MediaPlaneProbe running = probe;
        if (running == null) {
            throw new ResourceException("the RTP adapter is not started");
        }
        return running.figures();
    }

    /** The event dispatcher, once started; for tests. */
    EndpointEventDispatcher dispatcher() {
        return dispatcher;
    }

    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    public Integer getPortMin() {
        return portMin;
    }

    public void setPortMin(Integer portMin) {
        this.portMin = portMin;
    }

    public Integer getPortMax() {
        return portMax;
    }

    public void setPortMax(Integer portMax) {
        this.portMax = portMax;
    }

    public Integer getDeliveryWorkers() {
        return deliveryWorkers;
    }

    public void setDeliveryWorkers(Integer deliveryWorkers) {
        this.deliveryWorkers = deliveryWorkers;
    }

    public Integer getReceiveLoops() {
        return receiveLoops;
    }

    public void setReceiveLoops(Integer receiveLoops) {
        this.receiveLoops = receiveLoops;
    }

    public String getAllowedPeers() {
        return allowedPeers;
    }

    public void setAllowedPeers(String allowedPeers) {
        this.allowedPeers = allowedPeers;
    }

    public Integer getQuietLimitSeconds() {
        return quietLimitSeconds;
    }

    public void setQuietLimitSeconds(Integer quietLimitSeconds) {
        this.quietLimitSeconds = quietLimitSeconds;
    }

    public Integer getDecodeHoldLimitSeconds() {
        return decodeHoldLimitSeconds;
    }

    public void setDecodeHoldLimitSeconds(Integer decodeHoldLimitSeconds) {
        this.decodeHoldLimitSeconds = decodeHoldLimitSeconds;
    }

    public Integer getStreamsPerPort() {
        return streamsPerPort;
    }

    public void setStreamsPerPort(Integer streamsPerPort) {
        this.streamsPerPort = streamsPerPort;
    }

    public String getPortSharing() {
        return portSharing;
    }

    public void setPortSharing(String portSharing) {
        this.portSharing = portSharing;
    }

    public Integer getReceiveBufferBytes() {
        return receiveBufferBytes;
    }

    public void setReceiveBufferBytes(Integer receiveBufferBytes) {
        this.receiveBufferBytes = receiveBufferBytes;
    }

    /** Equality by configuration: JCA asks for it, and IronJacamar's archive validation refuses an adapter without it. */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof RtpResourceAdapter)) {
            return false;
        }
        RtpResourceAdapter that = (RtpResourceAdapter) other;
        return Objects.equals(bindAddress, that.bindAddress) && Objects.equals(portMin, that.portMin)
                && Objects.equals(portMax, that.portMax) && Objects.equals(receiveLoops, that.receiveLoops)
                && Objects.equals(allowedPeers, that.allowedPeers)
                && Objects.equals(quietLimitSeconds, that.quietLimitSeconds)
                && Objects.equals(receiveBufferBytes, that.receiveBufferBytes)
                && Objects.equals(decodeHoldLimitSeconds, that.decodeHoldLimitSeconds)
                && Objects.equals(streamsPerPort, that.streamsPerPort)
                && Objects.equals(portSharing, that.portSharing)
                && Objects.equals(deliveryWorkers, that.deliveryWorkers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bindAddress, portMin, portMax, receiveLoops, allowedPeers, quietLimitSeconds,
                receiveBufferBytes, decodeHoldLimitSeconds, streamsPerPort, portSharing, deliveryWorkers);
    }
}
