package my.invois.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Receives a request's whole body before the app sees it, without holding a thread while the
 * bytes trickle in (issue 14: 260 uploads sending a byte every 3 s held every worker thread).
 * A body not received within the read timeout is answered 408; one cut short by a stop, 503 with
 * Retry-After (SPEC E: not a 400, which integrators take as final). A transfer coding other than
 * chunked is 501 (RFC 9112, 6.1): Jetty would read the chunks and ignore the rest. Bodies are
 * read up to {@link Requests#MAX_BODY_BYTES}, or up to the larger limit given for a path.
 */
public final class WholeBodies extends Handler.Wrapper {

    private final Duration readTimeout;
    private final Map<String, Integer> largerLimits;

    public WholeBodies(Duration readTimeout, Map<String, Integer> largerLimits) {
        this.readTimeout = readTimeout;
        this.largerLimits = Map.copyOf(largerLimits);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        var codings = request.getHeaders().getCSV(HttpHeader.TRANSFER_ENCODING, false);
        if (!codings.stream().allMatch("chunked"::equalsIgnoreCase)) {
            refuse(request, response, callback, HttpStatus.NOT_IMPLEMENTED_501);
            return true;
        }
        if (request.getLength() <= 0 && codings.isEmpty()) {
            return super.handle(request, response, callback);
        }
        int limit = largerLimits.getOrDefault(Request.getPathInContext(request), Requests.MAX_BODY_BYTES);
        new Receiving(request, response, callback, limit).start();
        return true;
    }

    /** The connection closes: the rest of the body is never read. */
    private static void refuse(Request request, Response response, Callback callback, int status) {
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        Response.writeError(request, response, callback, status);
    }

    private final class Receiving implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final int limit;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        /** Set once: by the last byte, the deadline or a failure, whichever comes first. */
        private final AtomicBoolean decided = new AtomicBoolean();
        private volatile Scheduler.Task deadline;

        Receiving(Request request, Response response, Callback callback, int limit) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.limit = limit;
        }

        void start() {
            deadline = request.getComponents().getScheduler().schedule(() -> refuse(HttpStatus.REQUEST_TIMEOUT_408), readTimeout);
            run();
        }

        /** Reads what has arrived, then asks to be called again when more does. */
        @Override
        public void run() {
            while (!decided.get()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    boolean stopping = request.getConnectionMetaData().getConnector().getServer().isStopping();
                    refuse(stopping ? HttpStatus.SERVICE_UNAVAILABLE_503 : HttpStatus.REQUEST_TIMEOUT_408);
                    return;
                }
                boolean last = chunk.isLast();
                try {
                    BufferUtil.writeTo(chunk.getByteBuffer(), body);
                } catch (IOException impossible) {
                    throw new IllegalStateException(impossible);
                } finally {
                    chunk.release();
                }
                // Past the limit the rest stays unread: the app answers 413 from what it has.
                if (last || body.size() > limit) {
                    proceed(last);
                    return;
                }
            }
        }

        private void proceed(boolean complete) {
            if (!decided.compareAndSet(false, true)) {
                return;
            }
            deadline.cancel();
            var received = new ReceivedBody(request, Content.Chunk.from(ByteBuffer.wrap(body.toByteArray()), complete), complete);
            try {
                if (!WholeBodies.super.handle(received, response, callback)) {
                    Response.writeError(received, response, callback, HttpStatus.NOT_FOUND_404);
                }
            } catch (Throwable failure) {
                callback.failed(failure);
            }
        }

        private void refuse(int status) {
            if (decided.compareAndSet(false, true)) {
                deadline.cancel();
                WholeBodies.refuse(request, response, callback, status);
            }
        }
    }

    /** The request as the app reads it: the body received, then (past the limit) the unread rest. */
    private static final class ReceivedBody extends Request.Wrapper {
        private final AtomicReference<Content.Chunk> unread;
        private final boolean complete;

        ReceivedBody(Request request, Content.Chunk received, boolean complete) {
            super(request);
            this.unread = new AtomicReference<>(received);
            this.complete = complete;
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = unread.getAndSet(null);
            if (chunk != null) {
                return chunk;
            }
            return complete ? Content.Chunk.EOF : super.read();
        }

        @Override
        public void demand(Runnable demandCallback) {
            if (unread.get() != null || complete) {
                demandCallback.run();
            } else {
                super.demand(demandCallback);
            }
        }
    }
}
