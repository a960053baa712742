package org.activerecorder.load;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The load tool's command line: plays the plan's calls against a running recorder, then reads back what it
 * recorded, and prints a summary and one JSON line. Exit status 0 when the run passed (every call answered,
 * every packet recorded, no kernel drop, every recording COMPLETED and its WAV right), 1 when it did not, 2 for
 * a wrong command line.
 */
public final class LoadTool {

    private LoadTool() {
    }

    public static void main(String[] args) throws Exception {
        if (java.util.Arrays.asList(args).contains("--help")) {
            System.out.print(LoadPlan.USAGE);
            return;
        }
        LoadPlan plan;
        try {
            plan = LoadPlan.parse(args);
        } catch (IllegalArgumentException wrong) {
            System.err.println(wrong.getMessage());
            System.err.print(LoadPlan.USAGE);
            System.exit(2);
            return;
        }
        RunReport report = run(plan);
        System.out.println(report.summary());
        String line = report.json().toString();
        System.out.println(line);
        if (plan.jsonOut() != null) {
            Files.writeString(plan.jsonOut(), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        System.exit(report.passed() ? 0 : 1);
    }

    static RunReport run(LoadPlan plan) throws Exception {
        String password = Files.readString(plan.passwordFile(), StandardCharsets.UTF_8).trim();
        ServerProcess server = plan.serverPid() > 0 ? new ServerProcess(plan.serverPid()) : ServerProcess.find();
        AudioFrames agentAudio = plan.wav() != null ? AudioFrames.wav(plan.codec(), plan.wav())
                : AudioFrames.tone(plan.codec(), plan.agentHz(), plan.callSeconds());
        AudioFrames customerAudio = plan.wav() != null ? agentAudio
                : AudioFrames.tone(plan.codec(), plan.customerHz(), plan.callSeconds());
        RecorderApi api = new RecorderApi(plan.api(), plan.user(), password);
        Instant startedAt = Instant.now();
        double rssBefore = server.rssMiB();
        ServerProcess.UdpDrops dropsBefore = ServerProcess.udpDrops();
        CpuWindow window = new CpuWindow(server);
        System.err.printf("recorder-load: %d calls at %.1f/s in %s against sip:%s:%d, server pid %d, prefix %s%n",
                plan.calls(), plan.rate(), plan.codec(), plan.sipHost(), plan.sipPort(), server.pid(), plan.prefix());
        try (RecordingEvents events = new RecordingEvents(plan.api(), plan.user(), password, plan.prefix());
             PartySessions sip = new PartySessions(plan.sipHost(), plan.sipPort(), plan.codec());
             RtpPacer pacer = plan.rtpSockets() == RtpSockets.SHARED
                     ? RtpPacer.shared(plan.senderThreads(), InetAddress.getByName("127.0.0.1"))
                     : new RtpPacer(plan.senderThreads())) {
            LoadRun run = new LoadRun(plan, sip, pacer, agentAudio, customerAudio);
            run.start();
            watchWindow(plan, run, pacer, window);
            List<LoadCall> calls = run.awaitEnd();
            long lastBye = System.nanoTime();
            ServerProcess.UdpDrops drops = ServerProcess.udpDrops().since(dropsBefore);
            System.err.printf("recorder-load: %d calls played; reading the recordings%n", calls.size());
            long deadline = lastBye + TimeUnit.SECONDS.toNanos(plan.settleTimeout());
            long answered = calls.stream().filter(LoadCall::answered).count();
            while (events.count() < answered && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            RecordingAudit.Totals audit = new RecordingAudit(api, plan).audit(calls, deadline);
            double rssAfter = server.rssMiB();
            List<Long> invites = new ArrayList<>();
            for (LoadCall call : calls) {
                for (LoadCall.Party party : List.of(call.agent, call.customer)) {
                    if (party.inviteStatus > 0) {
                        invites.add(party.inviteNanos);
                    }
                }
            }
            return new RunReport(plan, startedAt, calls, window, run.rampSeconds(), drops, rssBefore, rssAfter,
                    server.pid(), pacer, audit, Percentiles.ofNanos(invites), Completions.of(calls, events::of),
                    events.count(), sip.repeatedAcks());
        }
    }

    /**
     * Opens the CPU window {@code settle} seconds after the ramp really ended (every slot's first call streaming) and
     * every stream's first packet has left (a sender behind its schedule starts streams late, and the recorder's work
     * for each first packet is setup, not steady state; not waited for when calls are replaced), and closes it
     * {@code window} seconds later or when the first call ends (the steady state ends then; when calls are replaced,
     * only the window's length counts), whichever comes first. A ramp that outlasts a call leaves no steady state to
     * measure: the window stays closed and the report says so. The tool says on its error stream when the window
     * opens, for a profiler to follow ({@code tools/perf/ab-run.sh}).
     */
    private static void watchWindow(LoadPlan plan, LoadRun run, RtpPacer pacer, CpuWindow window) {
        Thread watcher = new Thread(() -> {
            try {
                if (!run.awaitRamp(TimeUnit.SECONDS.toMillis(plan.callSeconds() + (long) plan.rampSeconds() * 4))) {
                    return;
                }
                boolean replaced = plan.totalSeconds() > 0;
                long rampEnded = System.nanoTime();
                // with calls replaced, setups go on through the run and are part of its steady state: no wait
                while (!replaced && !pacer.everyStreamSending() && run.firstEndNanos() == 0) {
                    Thread.sleep(50);
                }
                window.senderWaitSeconds = (System.nanoTime() - rampEnded) / 1e9;
                Thread.sleep(TimeUnit.SECONDS.toMillis(plan.settleSeconds()));
                if (!replaced && run.firstEndNanos() != 0) {
                    return;
                }
                window.open(run.streamingCalls(), pacer.packetsSent());
                System.err.println("recorder-load: the CPU window opens" + (replaced ? ""
                        : String.format(" (every stream sending %.1f s after the ramp)", window.senderWaitSeconds)));
                long closeAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(plan.windowSeconds());
                while (System.nanoTime() < closeAt && (replaced || run.firstEndNanos() == 0)) {
                    Thread.sleep(50);
                }
                window.close(run.streamingCalls(), pacer.packetsSent());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                System.err.println("recorder-load: cannot read the server's CPU: " + e);
            }
        }, "cpu-window");
        watcher.setDaemon(true);
        watcher.start();
    }
}
