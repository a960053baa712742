package org.activerecorder.sip.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * SIP requests received by method and responses sent by class (1xx to 6xx), since SIP started. A fixed set of
 * methods, so a sender cannot grow it: any other method counts as {@code OTHER}. Thread-safe, a {@link LongAdder}
 * bump per message.
 */
public final class SipTraffic {

    /** The methods counted by name: those the recorder answers, and those a Media Server may send. */
    public static final List<String> METHODS = List.of("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "UPDATE", "INFO",
            "PRACK", "REFER", "NOTIFY", "SUBSCRIBE", "MESSAGE", "OTHER");
    /** Response classes, "1xx" to "6xx". */
    public static final List<String> CLASSES = List.of("1xx", "2xx", "3xx", "4xx", "5xx", "6xx");

    private final Map<String, LongAdder> requests = new LinkedHashMap<>();
    private final LongAdder[] responses = new LongAdder[CLASSES.size()];

    public SipTraffic() {
        METHODS.forEach(method -> requests.put(method, new LongAdder()));
        for (int i = 0; i < responses.length; i++) {
            responses[i] = new LongAdder();
        }
    }

    /** A request came in (whoever sent it: refused peers' requests too). */
    public void request(String method) {
        LongAdder count = requests.get(method);
        (count == null ? requests.get("OTHER") : count).increment();
    }

    /** A response went out. */
    public void response(int statusCode) {
        int type = statusCode / 100;
        if (type >= 1 && type <= responses.length) {
            responses[type - 1].increment();
        }
    }

    /** Requests received of {@code method} (one of {@link #METHODS}). */
    public long requests(String method) {
        LongAdder count = requests.get(method);
        return count == null ? 0 : count.sum();
    }

    /** Responses sent of {@code responseClass} (one of {@link #CLASSES}). */
    public long responses(String responseClass) {
        int index = CLASSES.indexOf(responseClass);
        return index < 0 ? 0 : responses[index].sum();
    }
}
