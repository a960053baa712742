package org.activerecorder.interfaces.live;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import org.activerecorder.application.live.LiveAudio;
import org.activerecorder.application.live.LiveAudioRefused;
import org.activerecorder.application.live.LiveListening;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.io.IOException;
import java.security.Principal;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Live listening: {@code GET /live/recordings/{id}} upgraded to a WebSocket streams the active recording's audio
 * ({@link LiveFrames}) about every 100 ms, until the recording ends or the listener goes. Only administrators and
 * supervisors get here (web.xml refuses the handshake to anybody else with 403), and every start is audited.
 *
 * <p>The listening starts during the handshake ({@link Handshake}): that runs on the HTTP request's thread, where
 * the caller's identity is known to the EJBs (its audit entry names them); the WebSocket's own callbacks may run
 * without it. A refusal (unknown or finished recording) is told as the socket's close reason, 4404 or 4409.
 * The audio is sent from the container's managed scheduler, never from a receive loop: a slow listener makes its
 * own buffer overflow (and hears a hole), never the recording.
 */
@ServerEndpoint(value = "/live/recordings/{id}", configurator = LiveListenEndpoint.Handshake.class)
public class LiveListenEndpoint {

    private static final Logger LOG = Logger.getLogger(LiveListenEndpoint.class.getName());

    private static final long TICK_MILLIS = 100;
    private static final int FRAME_MILLIS = 200;
    private static final long SEND_TIMEOUT_MILLIS = 5_000;
    private static final int ACTIVE_CHECK_TICKS = 20;

    private LiveListening listening;
    private ScheduledFuture<?> sender;
    private int ticks;

    @OnOpen
    public void open(Session session, @PathParam("id") String id) throws IOException {
        Started started = Handshake.take(session.getUserPrincipal(), id);
        if (started == null || started.refused() != null) {
            LiveAudioRefused refusal = started == null
                    ? new LiveAudioRefused(LiveAudioRefused.Reason.NOT_FOUND, "not started") : started.refused();
            int code = refusal.reason() == LiveAudioRefused.Reason.NOT_FOUND ? 4404 : 4409;
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), truncate(refusal.getMessage())));
            return;
        }
        listening = started.listening();
        ManagedScheduledExecutorService scheduler = Handshake.scheduler;
        if (scheduler == null) {
            session.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "not started"));
            return;
        }
        session.getAsyncRemote().setSendTimeout(SEND_TIMEOUT_MILLIS);
        session.getBasicRemote().sendText(LiveFrames.describe(listening));
        sender = scheduler.scheduleWithFixedDelay(() -> send(session), TICK_MILLIS, TICK_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    private void send(Session session) {
        try {
            if (!session.isOpen()) {
                return;
            }
            List<LiveListening.Frame> frames = listening.drain(FRAME_MILLIS);
            for (LiveListening.Frame frame : frames) {
                session.getAsyncRemote().sendBinary(LiveFrames.encode(frame))
                        .get(SEND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            }
            if (frames.isEmpty() && ++ticks % ACTIVE_CHECK_TICKS == 0 && !live().active(listening)) {
                session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "the recording ended"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.INFO, "Live listening to recording " + listening.recordingId() + " ends: " + e, e);
            closeQuietly(session);
        }
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        end();
    }

    @OnError
    public void error(Session session, Throwable failure) {
        LOG.log(Level.FINE, "Live listening socket failed", failure);
        end();
    }

    private synchronized void end() {
        if (sender != null) {
            sender.cancel(false);
            sender = null;
        }
        if (listening != null) {
            live().stop(listening);
            listening = null;
        }
    }

    private static LiveAudio live() {
        return CDI.current().select(LiveAudio.class).get();
    }

    private static void closeQuietly(Session session) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "listener too slow or gone"));
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** A close reason phrase is at most 123 bytes. */
    private static String truncate(String message) {
        return message.length() <= 120 ? message : message.substring(0, 120);
    }

    /** What a handshake started: a listening, or why not. */
    record Started(LiveListening listening, LiveAudioRefused refused, long atNanos) {
    }

    /**
     * Starts the listening while the handshake's HTTP request is still being served (the caller's identity is
     * there), and leaves it, or the refusal, for the socket's {@link #open} under the caller's name and the
     * recording's id. Not in the endpoint configuration's user properties: containers may share those between
     * connections. Two sockets of one user to one recording opening at once may swap listenings, which are alike.
     * A listening whose socket never opens (the upgrade failed after this) is stopped by a later handshake.
     */
    public static class Handshake extends ServerEndpointConfig.Configurator {

        private static final long UNCLAIMED_NANOS = TimeUnit.SECONDS.toNanos(30);
        private static final Map<String, Deque<Started>> WAITING = new ConcurrentHashMap<>();
        static volatile ManagedScheduledExecutorService scheduler;

        @Override
        public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
            String path = request.getRequestURI().getPath();
            String id = path.substring(path.lastIndexOf('/') + 1);
            stopUnclaimed();
            Started started;
            try {
                if (scheduler == null) {
                    scheduler = InitialContext.doLookup("java:comp/DefaultManagedScheduledExecutorService");
                }
                started = new Started(live().listen(Long.parseLong(id)), null, System.nanoTime());
            } catch (NumberFormatException e) {
                started = new Started(null, new LiveAudioRefused(LiveAudioRefused.Reason.NOT_FOUND,
                        "no recording " + id), System.nanoTime());
            } catch (LiveAudioRefused refused) {
                started = new Started(null, refused, System.nanoTime());
            } catch (NamingException e) {
                LOG.log(Level.SEVERE, "No managed scheduler for live listening", e);
                return;
            }
            WAITING.computeIfAbsent(key(request.getUserPrincipal(), id), k -> new ConcurrentLinkedDeque<>())
                    .add(started);
        }

        static Started take(Principal caller, String id) {
            Deque<Started> waiting = WAITING.get(key(caller, id));
            return waiting == null ? null : waiting.pollFirst();
        }

        private static String key(Principal caller, String id) {
            return (caller == null ? "" : caller.getName()) + "/" + id;
        }

        private static void stopUnclaimed() {
            long now = System.nanoTime();
            for (Deque<Started> waiting : WAITING.values()) {
                waiting.removeIf(started -> {
                    boolean stale = now - started.atNanos() > UNCLAIMED_NANOS;
                    if (stale && started.listening() != null) {
                        live().stop(started.listening());
                    }
                    return stale;
                });
            }
        }
    }
}
