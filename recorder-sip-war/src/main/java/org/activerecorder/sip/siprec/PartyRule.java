package org.activerecorder.sip.siprec;

/** Which rule chose the recorded party (the left channel); the recording says it, so a person can check it. */
public enum PartyRule {
    /** A participant's AoR is a configured DN. */
    CONFIGURED_DN("a participant's AoR matches a configured DN"),
    /** No AoR matched: the first participant of the metadata, since SRCs list the caller first. */
    FIRST_PARTICIPANT("no AoR matches a configured DN; the first participant of the metadata (the caller)"),
    /** No metadata names a participant: the first audio m-line is the recorded party's. */
    FIRST_MLINE("no metadata names the participants; the first audio m-line");

    private final String description;

    PartyRule(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
