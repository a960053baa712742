package org.activerecorder.it.support;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A call-control bridge as the recorder meets it: call events by {@code PUT /api/calls/{callUuid}}, and the same JSON
 * on the queue {@code CallEvents} from an Artemis client outside the server (through the HTTP port's upgrade), both
 * logged in as one user.
 */
public final class CallEventClient implements AutoCloseable {

    /** The queue's address in WildFly's broker (WildFly keeps the JMS 1.x "jms.queue." prefix). */
    public static final String QUEUE_ADDRESS = "jms.queue.CallEvents";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String user;
    private final String password;
    private ActiveMQConnectionFactory factory;
    private Connection connection;
    private Session session;
    private MessageProducer producer;

    public CallEventClient(String user, String password) {
        this.user = user;
        this.password = password;
    }

    /** {@code PUT /api/calls/{callUuid}} with {@code json} as the body. */
    public HttpResponse<byte[]> put(String callUuid, String json) throws Exception {
        return http.send(request("/api/calls/" + callUuid)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** {@code GET} of an API path as this user. */
    public HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends {@code json} as a text message on the queue; returns its JMS message id. */
    public synchronized String send(String json) throws JMSException {
        if (producer == null) {
            factory = new ActiveMQConnectionFactory(EventSubscriber.BROKER_URL);
            connection = factory.createConnection(user, password);
            session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            producer = session.createProducer(session.createQueue(QUEUE_ADDRESS));
        }
        jakarta.jms.TextMessage message = session.createTextMessage(json);
        producer.send(message);
        return message.getJMSMessageID();
    }

    private HttpRequest.Builder request(String path) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://" + RecorderServer.HOST + ":8080" + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + basic);
    }

    @Override
    public synchronized void close() throws JMSException {
        if (connection != null) {
            connection.close();
            factory.close();
        }
    }
}
