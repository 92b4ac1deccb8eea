package my.invois.testing;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/** The bytes a request's body publisher sends, read a second time so the contract can check them. */
final class SentBody {

    private SentBody() {
    }

    static Optional<byte[]> of(HttpRequest request) {
        return request.bodyPublisher()
                .filter(publisher -> publisher.contentLength() != 0)
                .map(SentBody::read);
    }

    private static byte[] read(HttpRequest.BodyPublisher publisher) {
        var bytes = new ByteArrayOutputStream();
        var done = new CompletableFuture<byte[]>();
        publisher.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer buffer) {
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                done.complete(bytes.toByteArray());
            }
        });
        try {
            return done.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not read the request body back", e);
        }
    }
}
