package org.activerecorder.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * How long the run's recordings took to end, from each call's last BYE to its final event as the tool heard it:
 * over all the calls, by fifth of the calls in the order they ended (the first ends of a burst from the last), and
 * split in three at two instants the server gives: when it began to finish the recording (the event's
 * {@code completedAt}) and when its outbox sent the event to the broker (the message's JMS timestamp, to the
 * millisecond). The first part is the BYE's handling, the stream's close and its report to the recorder; the second
 * building the file's end, storing, committing and the outbox's wait; the third the outbox's transaction with the
 * broker, the broker and this tool's client. The split takes the wall clock of the tool's machine against the
 * server's, so it is only as good as their agreement: exact on one machine.
 *
 * @param latency        last BYE → event heard
 * @param byFifth        the same by fifth of the calls in the order their last BYE went
 * @param untilFinishing last BYE → the server's {@code completedAt}; only the events that carry both instants
 * @param untilSent      {@code completedAt} → the outbox's send; the same events
 * @param untilHeard     the outbox's send → event heard; the same events
 */
record Completions(Percentiles latency, List<Percentiles> byFifth, Percentiles untilFinishing, Percentiles untilSent,
                   Percentiles untilHeard) {

    /** The figures of the answered calls whose final event was heard ({@code heard} gives null for the others). */
    static Completions of(List<LoadCall> calls, Function<String, RecordingEvents.Heard> heard) {
        List<long[]> byeAndCompletion = new ArrayList<>();
        List<Long> finishing = new ArrayList<>();
        List<Long> sent = new ArrayList<>();
        List<Long> heardAfterSent = new ArrayList<>();
        for (LoadCall call : calls) {
            RecordingEvents.Heard event = heard.apply(call.callUuid);
            if (!call.answered() || event == null) {
                continue;
            }
            byeAndCompletion.add(new long[] {call.lastByeNanos, event.atNanos() - call.lastByeNanos});
            if (event.serverFinishing() != null && event.sent() != null && call.lastByeAt != null) {
                finishing.add(Duration.between(call.lastByeAt, event.serverFinishing()).toNanos());
                sent.add(Duration.between(event.serverFinishing(), event.sent()).toNanos());
                heardAfterSent.add(Duration.between(event.sent(), event.at()).toNanos());
            }
        }
        byeAndCompletion.sort(Comparator.comparingLong(pair -> pair[0]));
        List<Long> inOrder = byeAndCompletion.stream().map(pair -> pair[1]).toList();
        return new Completions(Percentiles.ofNanos(inOrder), Percentiles.ofNanosInParts(inOrder, 5),
                Percentiles.ofNanos(finishing), Percentiles.ofNanos(sent), Percentiles.ofNanos(heardAfterSent));
    }
}
