package org.activerecorder.rtp.adapter;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import org.activerecorder.rtp.api.RtpConnection;
import org.activerecorder.rtp.api.RtpConnectionFactory;
import org.junit.jupiter.api.Test;

import javax.naming.Reference;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbound connection contract as the container's pool sees it. */
class RtpManagedConnectionTest {

    private final RtpManagedConnectionFactory factory = new RtpManagedConnectionFactory();
    private final List<ConnectionEvent> poolEvents = new ArrayList<>();

    @Test
    void closingAHandleTellsThePoolOnce() {
        RtpManagedConnection managed = managedConnection();
        RtpConnectionHandle handle = (RtpConnectionHandle) managed.getConnection(null, null);

        handle.close();
        handle.close();

        assertEquals(1, poolEvents.size());
        assertEquals(ConnectionEvent.CONNECTION_CLOSED, poolEvents.get(0).getId());
        assertSame(handle, poolEvents.get(0).getConnectionHandle());
        assertThrows(ResourceException.class, () -> handle.close("any"), "a closed handle is dead");
    }

    @Test
    void cleanupInvalidatesHandlesWithoutEvents() {
        RtpManagedConnection managed = managedConnection();
        RtpConnectionHandle handle = (RtpConnectionHandle) managed.getConnection(null, null);

        managed.cleanup();

        assertThrows(ResourceException.class, () -> handle.close("any"));
        handle.close();
        assertTrue(poolEvents.isEmpty());
    }

    @Test
    void aReassociatedHandleReportsToItsNewConnection() throws ResourceException {
        RtpManagedConnection first = managedConnection();
        RtpManagedConnection second = managedConnection();
        RtpConnectionHandle handle = (RtpConnectionHandle) first.getConnection(null, null);

        second.associateConnection(handle);
        handle.close();

        assertSame(second, poolEvents.get(0).getSource());
    }

    @Test
    void isNotTransactionalButDescribesItself() throws ResourceException {
        RtpManagedConnection managed = managedConnection();

        assertThrows(NotSupportedException.class, managed::getXAResource);
        assertThrows(NotSupportedException.class, managed::getLocalTransaction);
        assertNotNull(managed.getMetaData(), "IronJacamar's archive validation requires meta data");
        assertEquals("Active Recorder RTP adapter", managed.getMetaData().getEISProductName());
    }

    @Test
    void theFactoryMatchesItsOwnPooledConnections() {
        RtpManagedConnection mine = managedConnection();
        RtpManagedConnection other = (RtpManagedConnection) new RtpManagedConnectionFactory()
                .createManagedConnection(null, null);

        assertSame(mine, factory.matchManagedConnections(Set.of(other, mine), null, null));
        assertEquals(null, factory.matchManagedConnections(Set.of(other), null, null));
    }

    @Test
    void theConnectionFactoryAllocatesThroughTheContainersConnectionManager() throws ResourceException {
        List<Object> allocations = new ArrayList<>();
        ConnectionManager pool = (managedFactory, info) -> {
            allocations.add(managedFactory);
            return managedFactory.createManagedConnection(null, info).getConnection(null, info);
        };
        RtpConnectionFactory connectionFactory = (RtpConnectionFactory) factory.createConnectionFactory(pool);

        RtpConnection connection = connectionFactory.getConnection();

        assertInstanceOf(RtpConnectionHandle.class, connection);
        assertEquals(List.of(factory), allocations);
    }

    @Test
    void theConnectionFactoryIsReferenceableAndSerializable() throws Exception {
        ContainerRtpConnectionFactory connectionFactory =
                (ContainerRtpConnectionFactory) factory.createConnectionFactory();
        Reference reference = new Reference(RtpConnectionFactory.class.getName());
        connectionFactory.setReference(reference);

        assertSame(reference, connectionFactory.getReference());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(connectionFactory);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertInstanceOf(ContainerRtpConnectionFactory.class, in.readObject());
        }
    }

    private RtpManagedConnection managedConnection() {
        RtpManagedConnection managed = (RtpManagedConnection) factory.createManagedConnection(null, null);
        managed.addConnectionEventListener(new ConnectionEventListener() {
            @Override
            public void connectionClosed(ConnectionEvent event) {
                poolEvents.add(event);
            }

            @Override
            public void localTransactionStarted(ConnectionEvent event) {
            }

            @Override
            public void localTransactionCommitted(ConnectionEvent event) {
            }

            @Override
            public void localTransactionRolledback(ConnectionEvent event) {
            }

            @Override
            public void connectionErrorOccurred(ConnectionEvent event) {
            }
        });
        return managed;
    }
}
