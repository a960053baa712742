package org.activerecorder.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one load run does, from the command line: how many concurrent two-party calls, how fast they start, how
 * long each lasts, how long the run lasts, where the recorder is, what each party plays, and how the server's CPU
 * is sampled. Every figure in the run's report is read against this plan.
 *
 * @param calls           concurrent calls at steady state (each: two SIP sessions, two RTP streams)
 * @param rate            new calls per second while ramping up (and when calls are replaced)
 * @param callSeconds     how long each party streams, in whole seconds (exactly {@code 50 * callSeconds} packets)
 * @param totalSeconds    how long the run starts calls for: each of the {@code calls} slots starts a new call when
 *                        its last ended, while the new one still ends within this; 0: one call per slot
 * @param sipHost         the recorder's SIP address
 * @param sipPort         the recorder's SIP port
 * @param api             the recorder's HTTP base URL (REST API and the JMS broker's HTTP upgrade)
 * @param user            the API and JMS user
 * @param passwordFile    a file holding the user's password (the first administrator's, by default)
 * @param agentHz         the agent's tone (left channel: the recorded DN)
 * @param customerHz      the customer's tone (right channel)
 * @param wav             a WAV both parties play instead of the tones (looped); null: the tones
 * @param codec           what both parties send (PCMU, PCMA, G722, L16 at 16 kHz, OPUS)
 * @param senderThreads   threads that pace every RTP stream
 * @param rtpSockets      each party from a socket of its own, or every party of a pacing thread from its socket
 * @param settleSeconds   seconds after the last call of the ramp started before the CPU window opens
 * @param windowSeconds   the CPU window's length, at most (it never reaches the first call's end)
 * @param serverPid       the recorder's process id; 0: find the one WildFly standalone server of this machine
 * @param prefix          the CallUUID prefix of this run (call i is {@code prefix-i})
 * @param checkWav        whether every recording's audio is downloaded and checked
 * @param byeDelayMillis  how long after a party's last packet its BYE goes (0: at once, as a Media Server does)
 * @param settleTimeout   seconds to wait after the last BYE for every recording to be finished
 * @param jsonOut         a file the run's JSON line is appended to; null: stdout only
 * @param label           a free text kept in the JSON line (what was measured)
 */
public record LoadPlan(int calls, double rate, int callSeconds, int totalSeconds, String sipHost, int sipPort,
                       String api, String user, Path passwordFile, int agentHz, int customerHz, Path wav,
                       LoadCodec codec, int senderThreads, RtpSockets rtpSockets, int settleSeconds,
                       int windowSeconds, long serverPid, String prefix,
                       boolean checkWav, int byeDelayMillis, int settleTimeout, Path jsonOut, String label) {

    static final String USAGE = """
            java -jar recorder-load.jar [options]
              --calls N            concurrent two-party calls (100)
              --rate R             new calls per second (50)
              --call-seconds S     seconds each party streams (20)
              --total-seconds T    keep the calls up for T seconds, replacing each ended call (0: one call per slot)
              --sip HOST:PORT      the recorder's SIP (127.0.0.1:5060)
              --api URL            the recorder's HTTP (http://127.0.0.1:8080)
              --user NAME          API and JMS user (admin)
              --password-file F    the user's password
                                   (wildfly-config/target/server/standalone/data/recorder/initial-admin-password)
              --agent-hz F         the agent's tone, left channel (440)
              --customer-hz F      the customer's tone, right channel (1000)
              --wav FILE           both parties play this WAV (looped) instead of tones: lengths checked, not tones
              --codec C            what both parties send (PCMU): PCMU, PCMA, L16 (16 kHz), OPUS (16 kHz audio at
                                   32 kbit/s) or G722; the recording is 16 kHz for L16, OPUS and G722
              --sender-threads N   RTP pacing threads (2)
              --rtp-sockets S      per-stream: each party sends from a socket of its own, one system call per
                                   packet, as a Media Server does (the default); shared: every party of a pacing
                                   thread from that thread's socket, a tick's packets in one sendmmsg, as the
                                   benchmark anchors' C sender does: its sending at less than half the CPU
                                   (Linux only)
              --settle S           seconds after the ramp before the CPU window (4)
              --window S           CPU window length, at most (12)
              --server-pid PID     the recorder's process (found by its command line when not given)
              --prefix P           CallUUID prefix (LOAD<epoch seconds>)
              --no-wav-check       do not download and check the recordings
              --bye-delay-ms M     BYE this long after the call's last packet (0)
              --settle-timeout S   seconds to wait for the recordings after the last BYE (180)
              --json-out FILE      append the run's JSON line to FILE
              --label TEXT         kept in the JSON line
            """;

    /** The steady state starts when the last call of the ramp has started. */
    public double rampSeconds() {
        return calls / rate;
    }

    /** The tone the check expects of the agent (0: a WAV, not checked). */
    public int expectedAgentHz() {
        return expected(agentHz);
    }

    /** The tone the check expects of the customer, as {@link #expectedAgentHz()}. */
    public int expectedCustomerHz() {
        return expected(customerHz);
    }

    private int expected(int toneHz) {
        return wav != null ? 0 : toneHz;
    }

    /** Packets each party sends: 20 ms each. */
    public int packetsPerParty() {
        return callSeconds * 50;
    }

    /** Reads the options; throws {@link IllegalArgumentException} naming every wrong one. */
    public static LoadPlan parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!name.startsWith("--")) {
                problems.add("not an option: " + name);
            } else if (name.equals("--no-wav-check")) {
                options.put(name, "true");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                problems.add(name + " needs a value");
            }
        }
        Options read = new Options(options, problems);
        int calls = read.integer("--calls", 100, 1);
        double rate = read.decimal("--rate", 50);
        int callSeconds = read.integer("--call-seconds", 20, 1);
        int totalSeconds = read.integer("--total-seconds", 0, 0);
        String sip = read.text("--sip", "127.0.0.1:5060");
        int colon = sip.lastIndexOf(':');
        String sipHost = colon < 0 ? sip : sip.substring(0, colon);
        int sipPort = 5060;
        try {
            sipPort = colon < 0 ? 5060 : Integer.parseInt(sip.substring(colon + 1));
        } catch (NumberFormatException e) {
            problems.add("--sip: not HOST:PORT: " + sip);
        }
        String api = read.text("--api", "http://127.0.0.1:8080").replaceAll("/+$", "");
        String user = read.text("--user", "admin");
        Path passwordFile = Path.of(read.text("--password-file",
                "wildfly-config/target/server/standalone/data/recorder/initial-admin-password"));
        int agentHz = read.integer("--agent-hz", 440, 100);
        int customerHz = read.integer("--customer-hz", 1000, 100);
        String wav = read.text("--wav", null);
        String codecName = read.text("--codec", "PCMU");
        LoadCodec codec = LoadCodec.named(codecName);
        if (codec == null) {
            problems.add("--codec: not one of " + LoadCodec.names() + ": " + codecName);
            codec = LoadCodec.PCMU;
        }
        int senderThreads = read.integer("--sender-threads", 2, 1);
        String socketsName = read.text("--rtp-sockets", RtpSockets.PER_STREAM.option());
        RtpSockets rtpSockets = RtpSockets.PER_STREAM;
        try {
            rtpSockets = RtpSockets.of(socketsName);
        } catch (IllegalArgumentException e) {
            problems.add("--rtp-sockets: not per-stream or shared: " + socketsName);
        }
        int settle = read.integer("--settle", 4, 0);
        int window = read.integer("--window", 12, 1);
        long pid = read.integer("--server-pid", 0, 0);
        String prefix = read.text("--prefix", "LOAD" + System.currentTimeMillis() / 1000);
        boolean checkWav = !options.containsKey("--no-wav-check");
        options.remove("--no-wav-check");
        int byeDelay = read.integer("--bye-delay-ms", 0, 0);
        int settleTimeout = read.integer("--settle-timeout", 180, 1);
        String jsonOut = read.text("--json-out", null);
        String label = read.text("--label", "");
        options.keySet().forEach(unknown -> problems.add("unknown option " + unknown));
        if (rate <= 0) {
            problems.add("--rate must be above 0");
        }
        if (!prefix.matches("[A-Za-z0-9._-]{1,40}")) {
            problems.add("--prefix must be 1 to 40 of A-Z a-z 0-9 . _ - (a CallUUID's characters)");
        }
        if (agentHz == customerHz) {
            problems.add("--agent-hz and --customer-hz must differ: the check tells the channels apart by them");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new LoadPlan(calls, rate, callSeconds, totalSeconds, sipHost, sipPort, api, user, passwordFile,
                agentHz, customerHz, wav == null ? null : Path.of(wav), codec, senderThreads, rtpSockets, settle,
                window, pid, prefix,
                checkWav, byeDelay, settleTimeout, jsonOut == null ? null : Path.of(jsonOut), label);
    }

    /** The options not yet read, and what was wrong with those read. */
    private record Options(Map<String, String> values, List<String> problems) {
        String text(String name, String otherwise) {
            String value = values.remove(name);
            return value == null ? otherwise : value;
        }

        int integer(String name, int otherwise, int least) {
            String value = values.remove(name);
            if (value == null) {
                return otherwise;
            }
            try {
                int number = Integer.parseInt(value);
                if (number < least) {
                    problems.add(name + " must be at least " + least);
                }
                return number;
            } catch (NumberFormatException e) {
                problems.add(name + ": not a whole number: " + value);
                return otherwise;
            }
        }

        double decimal(String name, double otherwise) {
            String value = values.remove(name);
            if (value == null) {
                return otherwise;
            }
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                problems.add(name + ": not a number: " + value);
                return otherwise;
            }
        }
    }
}
