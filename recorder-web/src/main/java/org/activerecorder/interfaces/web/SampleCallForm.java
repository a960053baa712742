package org.activerecorder.interfaces.web;

import org.activerecorder.application.rules.SampleCall;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "would this call be recorded?" form of {@code rules.xhtml} as typed: the sample call the decider is asked
 * about. Attached data is one {@code key=value} a line; the instant is the console's local time ({@link
 * ConsoleFormat#ZONE}), now when left empty.
 */
public class SampleCallForm implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The fields, named as the preview's problems name them. */
    static final List<String> FIELDS = List.of("thisDn", "otherDn", "ani", "dnis", "agentId", "direction",
            "userData", "routing", "callUuid", "at");

    private String thisDn;
    private String otherDn;
    private String ani;
    private String dnis;
    private String agentId;
    private String direction;
    private String userData;
    private String routing;
    private String callUuid;
    private String at;

    /** The sample; what cannot be read lands in {@code problems}, at its field's name. */
    SampleCall sample(List<String> problems) {
        Map<String, String> data = new LinkedHashMap<>();
        if (text(userData) != null) {
            for (String line : userData.split("\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                int equals = line.indexOf('=');
                if (equals < 1) {
                    problems.add("userData: '" + line.strip() + "' is not key=value");
                } else {
                    data.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
                }
            }
        }
        return new SampleCall(text(callUuid), text(thisDn), text(otherDn), text(ani), text(dnis), text(agentId),
                text(direction), data, text(routing) == null ? Map.of() : Map.of("record", text(routing)),
                instant(problems));
    }

    private java.time.Instant instant(List<String> problems) {
        String text = text(at);
        if (text == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(text).atZone(ConsoleFormat.ZONE).toInstant();
        } catch (DateTimeParseException e) {
            problems.add("at: '" + text + "' is not a date and time such as 2026-12-01T09:30");
            return null;
        }
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public String getThisDn() { return thisDn; }
    public void setThisDn(String thisDn) { this.thisDn = thisDn; }
    public String getOtherDn() { return otherDn; }
    public void setOtherDn(String otherDn) { this.otherDn = otherDn; }
    public String getAni() { return ani; }
    public void setAni(String ani) { this.ani = ani; }
    public String getDnis() { return dnis; }
    public void setDnis(String dnis) { this.dnis = dnis; }
    public String getAgentId() { return agentId; }
    public void setAgentId(String agentId) { this.agentId = agentId; }
    public String getDirection() { return direction; }
    public void setDirection(String direction) { this.direction = direction; }
    public String getUserData() { return userData; }
    public void setUserData(String userData) { this.userData = userData; }
    public String getRouting() { return routing; }
    public void setRouting(String routing) { this.routing = routing; }
    public String getCallUuid() { return callUuid; }
    public void setCallUuid(String callUuid) { this.callUuid = callUuid; }
    public String getAt() { return at; }
    public void setAt(String at) { this.at = at; }
}
