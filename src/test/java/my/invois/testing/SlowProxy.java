package my.invois.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A loopback TCP proxy that delays every reply of the server behind it: a slow server, not a
 * down one. Requests pass at once; replies keep their order, and the delay adds latency without
 * limiting throughput. The delay can be changed while connections are open.
 */
public final class SlowProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final ScheduledExecutorService replies = Executors.newSingleThreadScheduledExecutor();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile Duration delay;

    private SlowProxy(int targetPort, Duration delay) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.delay = delay;
        daemon(this::accept);
    }

    public static SlowProxy to(int targetPort, Duration delay) {
        try {
            return new SlowProxy(targetPort, delay);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    public void delay(Duration delay) {
        this.delay = delay;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(server);
                daemon(() -> pump(client, server, false));
                daemon(() -> pump(server, client, true));
            } catch (IOException e) {
                // Closed, or the server is down: the client sees its connection refused or closed.
            }
        }
    }

    private void pump(Socket from, Socket to, boolean delayed) {
        byte[] buffer = new byte[16 * 1024];
        long lastDue = 0;
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                byte[] chunk = Arrays.copyOf(buffer, read);
                if (delayed) {
                    // One thread writes every reply; a delay shortened meanwhile must not reorder them.
                    long due = Math.max(System.nanoTime() + delay.toNanos(), lastDue);
                    lastDue = due;
                    replies.schedule(() -> write(out, chunk, to), due - System.nanoTime(), TimeUnit.NANOSECONDS);
                } else {
                    out.write(chunk);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // One side closed: close both below.
        }
        closeQuietly(from);
        if (!delayed) {
            closeQuietly(to);
        } else {
            replies.schedule(() -> closeQuietly(to), delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "slow-proxy");
        thread.setDaemon(true);
        thread.start();
    }

    private static void write(OutputStream out, byte[] chunk, Socket to) {
        try {
            out.write(chunk);
            out.flush();
        } catch (IOException e) {
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
        sockets.forEach(SlowProxy::closeQuietly);
        replies.shutdownNow();
    }
}
