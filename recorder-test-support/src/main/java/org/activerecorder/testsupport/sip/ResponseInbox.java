package org.activerecorder.testsupport.sip;

import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The responses the simulator received, kept per request (Call-ID, CSeq number and method), so that several
 * sessions can wait for their own at once and nobody's response is taken by another's wait.
 */
final class ResponseInbox {

    private final Map<String, BlockingQueue<Response>> responses = new ConcurrentHashMap<>();

    void add(Response response) {
        responsesTo(response).add(response);
    }

    /** The next response to this request with this status; responses with other statuses are passed over. */
    Response await(Request request, int status, Duration timeout) throws InterruptedException {
        BlockingQueue<Response> received = responsesTo(request);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Response response = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
            if (response == null || response.getStatusCode() == status) {
                return response;
            }
        }
    }

    /** The request's final response, or {@code null} after {@code timeout}; forgets the request once answered. */
    Response finalResponse(Request request, Duration timeout) throws InterruptedException {
        BlockingQueue<Response> received = responsesTo(request);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Response response = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
            if (response == null) {
                return null;
            }
            if (response.getStatusCode() >= 200) {
                responses.remove(key(request));
                return response;
            }
        }
    }

    void clear() {
        responses.clear();
    }

    private BlockingQueue<Response> responsesTo(Message message) {
        return responses.computeIfAbsent(key(message), k -> new LinkedBlockingQueue<>());
    }

    static String key(Message message) {
        CSeqHeader cseq = (CSeqHeader) message.getHeader(CSeqHeader.NAME);
        return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId() + " " + cseq.getSeqNumber() + " "
                + cseq.getMethod();
    }
}
