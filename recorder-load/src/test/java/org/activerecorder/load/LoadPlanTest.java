package org.activerecorder.load;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadPlanTest {

    @Test
    void defaultsAimAtTheReadmesServer() {
        LoadPlan plan = LoadPlan.parse(new String[0]);
        assertEquals(100, plan.calls());
        assertEquals("127.0.0.1", plan.sipHost());
        assertEquals(5060, plan.sipPort());
        assertEquals("http://127.0.0.1:8080", plan.api());
        assertEquals(Path.of("wildfly-config/target/server/standalone/data/recorder/initial-admin-password"),
                plan.passwordFile());
        assertTrue(plan.checkWav());
        assertNull(plan.wav());
        assertEquals(1000, plan.packetsPerParty());
        assertEquals(LoadCodec.PCMU, plan.codec());
        assertEquals(440, plan.expectedAgentHz());
        assertEquals(1000, plan.expectedCustomerHz());
        assertEquals(RtpSockets.PER_STREAM, plan.rtpSockets());
    }

    @Test
    void aCodecIsChosenByNameAndEveryCodecPlaysEachPartysTone() {
        assertEquals(LoadCodec.OPUS, LoadPlan.parse(new String[]{"--codec", "opus"}).codec());
        assertEquals(LoadCodec.L16, LoadPlan.parse(new String[]{"--codec", "L16"}).codec());
        LoadPlan g722 = LoadPlan.parse(new String[]{"--codec", "G722", "--agent-hz", "500"});
        assertEquals(500, g722.expectedAgentHz(), "G.722 plays the tone asked for (it played one vector before)");
        assertEquals(1000, g722.expectedCustomerHz());
        LoadPlan wav = LoadPlan.parse(new String[]{"--codec", "G722", "--wav", "/tmp/a.wav"});
        assertEquals(0, wav.expectedAgentHz(), "a WAV's tone is not checked");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> LoadPlan.parse(new String[]{"--codec", "G729"}));
        assertTrue(unknown.getMessage().contains("--codec: not one of PCMU, PCMA, G722, L16, OPUS: G729"),
                unknown.getMessage());
    }

    @Test
    void readsEveryOption() {
        LoadPlan plan = LoadPlan.parse(new String[]{"--calls", "1000", "--rate", "100", "--call-seconds", "30",
                "--total-seconds", "120", "--sip", "127.0.0.1:5070", "--api", "http://127.0.0.1:8180/",
                "--no-wav-check", "--prefix", "P1", "--label", "warm", "--sender-threads", "3", "--rtp-sockets", "shared"});
        assertEquals(1000, plan.calls());
        assertEquals(10.0, plan.rampSeconds());
        assertEquals(1500, plan.packetsPerParty());
        assertEquals(120, plan.totalSeconds());
        assertEquals(5070, plan.sipPort());
        assertEquals("http://127.0.0.1:8180", plan.api());
        assertFalse(plan.checkWav());
        assertEquals("P1", plan.prefix());
        assertEquals("warm", plan.label());
        assertEquals(3, plan.senderThreads());
        assertEquals(RtpSockets.SHARED, plan.rtpSockets());
    }

    @Test
    void namesEveryWrongOption() {
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> LoadPlan.parse(
                new String[]{"--calls", "many", "--colour", "red", "--prefix", "a b", "--agent-hz", "1000",
                        "--rtp-sockets", "one", "--rate"}));
        assertTrue(wrong.getMessage().contains("--calls: not a whole number"), wrong.getMessage());
        assertTrue(wrong.getMessage().contains("unknown option --colour"), wrong.getMessage());
        assertTrue(wrong.getMessage().contains("--prefix"), wrong.getMessage());
        assertTrue(wrong.getMessage().contains("--agent-hz and --customer-hz must differ"), wrong.getMessage());
        assertTrue(wrong.getMessage().contains("--rate needs a value"), wrong.getMessage());
        assertTrue(wrong.getMessage().contains("--rtp-sockets: not per-stream or shared: one"), wrong.getMessage());
    }
}
