package my.invois.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;

/**
 * Closes a connection as soon as it opens when its address already holds the most it may, so
 * that one client cannot take every file the process may open (issue 14: "Too many open files").
 * The address is the TCP peer's: behind a proxy it is the proxy's.
 */
public final class ConnectionsPerAddress implements Connection.Listener {

    private final int max;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    /** A closed connection no longer knows its peer, so each remembers its address here. */
    private final ConcurrentHashMap<Connection, InetAddress> addresses = new ConcurrentHashMap<>();

    public ConnectionsPerAddress(int max) {
        this.max = max;
    }

    @Override
    public void onOpened(Connection connection) {
        if (!(connection.getEndPoint().getRemoteSocketAddress() instanceof InetSocketAddress peer)) {
            return;
        }
        addresses.put(connection, peer.getAddress());
        if (open.merge(peer.getAddress(), 1, Integer::sum) > max) {
            connection.getEndPoint().close();
        }
    }

    /** Jetty reports every opened connection closed once, the ones refused above included. */
    @Override
    public void onClosed(Connection connection) {
        InetAddress address = addresses.remove(connection);
        if (address != null) {
            open.computeIfPresent(address, (ignored, count) -> count == 1 ? null : count - 1);
        }
    }
}
