package org.rollcall.ingest.browser;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.Blocking;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.rollcall.events.CameraDefinition;
import org.rollcall.events.Claims;
import org.rollcall.ingest.IngestConfig;
import org.rollcall.ingest.camera.CameraState;
import org.rollcall.ingest.camera.CameraStatus;
import org.rollcall.ingest.camera.CameraSupervisor;
import org.rollcall.ingest.publish.FramePublisher;
import org.rollcall.ingest.publish.JpegEncoder;
import org.rollcall.ingest.security.TokenVerifier;
import org.rollcall.security.OpenToken;
import org.rollcall.security.RevokedTokens;

/**
 * The live page's webcam: JPEG frames over a WebSocket into the frames topic. The connection is
 * accepted only for a registered, enabled browser camera of the caller's organization; a message
 * that is not a JPEG gets an error reply and the stream goes on; frames beyond the camera's rate
 * are dropped (counted).
 */
@WebSocket(path = "/ws/cameras/{cameraId}")
public class BrowserCameraSocket {
    private static final Logger LOG = Logger.getLogger(BrowserCameraSocket.class);
    static final short POLICY_VIOLATION = 1008;
    /** The token the stream opened with expired or was revoked: the page reconnects with its current session. */
    static final short SESSION_ENDED = 4001;

    private final CameraSupervisor cameras;
    private final FramePublisher publisher;
    private final TokenVerifier verifier;
    private final IngestConfig config;
    private final BrowserStreams streams;
    private final RevokedTokens revoked;

    public BrowserCameraSocket(CameraSupervisor cameras, FramePublisher publisher, TokenVerifier verifier, IngestConfig config,
            BrowserStreams streams, RevokedTokens revoked) {
        this.revoked = revoked;
        this.cameras = cameras;
        this.publisher = publisher;
        this.verifier = verifier;
        this.config = config;
        this.streams = streams;
    }

    @OnOpen
    public void open(WebSocketConnection connection) {
        String cameraId = connection.pathParam("cameraId");
        JsonWebToken jwt = verifier.verify(connection.handshakeRequest().headers(), config.allowedOrigins());
        CameraDefinition camera = cameras.camera(cameraId);
        String org = jwt == null ? null : jwt.getClaim(Claims.ORG);
        if (jwt == null || revoked.refuses(jwt)) {
            connection.close(new CloseReason(POLICY_VIOLATION, "authentication required")).subscribe().with(x -> { }, x -> { });
            return;
        }
        if (camera == null || !camera.orgId().equals(org) || camera.kind() != CameraDefinition.Kind.BROWSER || !camera.enabled()) {
            // the same answer for "not yours" and "does not exist"
            connection.close(new CloseReason(POLICY_VIOLATION, "no such browser camera")).subscribe().with(x -> { }, x -> { });
            return;
        }
        streams.opened(connection.id(), camera, jwt);
        LOG.infof("browser camera %s connected", cameraId);
    }

    @OnBinaryMessage
    @Blocking
    public void frame(WebSocketConnection connection, byte[] data) {
        BrowserStreams.Stream s = streams.get(connection.id());
        if (s == null) {
            return;
        }
        if (!s.token.valid(Instant.now(), revoked)) {
            // checked at every frame, not only at the handshake: a signed-out or disabled user's stream stops now
            streams.closed(connection.id());
            connection.close(new CloseReason(SESSION_ENDED, "session ended")).subscribe().with(x -> { }, x -> { });
            return;
        }
        CameraDefinition now = cameras.camera(s.camera.cameraId());
        if (now == null || !now.enabled() || now.kind() != CameraDefinition.Kind.BROWSER || !now.orgId().equals(s.camera.orgId())) {
            // disabled or removed in the portal since the stream opened: not one more frame
            streams.closed(connection.id());
            connection.close(new CloseReason(POLICY_VIOLATION, "camera disabled")).subscribe().with(x -> { }, x -> { });
            return;
        }
        if (!JpegEncoder.startsLikeJpeg(data)) {
            // answered before the rate check: a message that is plainly no JPEG does not use up a frame's slot
            notJpeg(connection, s);
            return;
        }
        if (JpegEncoder.headerPixels(data) > JpegEncoder.MAX_PIXELS) {
            // a decompression bomb: refused from its header, before a byte of it is decoded
            s.dropped.incrementAndGet();
            publisher.dropped(s.camera.cameraId(), "too_large");
            connection.sendTextAndAwait("{\"error\":\"the image is larger than 7680x4320 pixels\"}");
            return;
        }
        Instant at = Instant.now();
        if (!s.due(at)) {
            publisher.dropped(s.camera.cameraId(), "rate");
            s.dropped.incrementAndGet();
            return;
        }
        byte[] jpeg = cameras.encoder().vet(data);
        if (jpeg == null) {
            notJpeg(connection, s);
            return;
        }
        s.lastFrameAt = at;
        if (publisher.publish(s.camera, jpeg, at, "browser", s.dropped::incrementAndGet)) {
            s.published.incrementAndGet();
        }
    }

    private void notJpeg(WebSocketConnection connection, BrowserStreams.Stream s) {
        s.dropped.incrementAndGet();
        publisher.dropped(s.camera.cameraId(), "not_jpeg");
        // a text reply (the handler's return value would go out as binary); the stream stays open
        connection.sendTextAndAwait("{\"error\":\"not a JPEG image\"}");
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        streams.closed(connection.id());
    }

    /** Live browser streams of this instance, for the status API and the states the supervisor reports. */
    @jakarta.enterprise.context.ApplicationScoped
    @io.quarkus.runtime.Startup
    public static class BrowserStreams {
        private final Map<String, Stream> byConnection = new ConcurrentHashMap<>();

        public BrowserStreams(CameraSupervisor supervisor) {
            supervisor.browserStreams(this::status);
        }

        static final class Stream {
            final CameraDefinition camera;
            final OpenToken token;
            final long intervalMillis;
            volatile long nextAt;
            volatile Instant lastFrameAt;
            final java.util.concurrent.atomic.AtomicLong published = new java.util.concurrent.atomic.AtomicLong();
            final java.util.concurrent.atomic.AtomicLong dropped = new java.util.concurrent.atomic.AtomicLong();

            Stream(CameraDefinition camera, JsonWebToken jwt) {
                this.camera = camera;
                this.token = OpenToken.of(jwt);
                // allow a little above the configured rate: browsers' timers jitter
                this.intervalMillis = Math.round(1000 / camera.fps() * 0.8);
            }

            synchronized boolean due(Instant now) {
                long t = now.toEpochMilli();
                if (t < nextAt) {
                    return false;
                }
                nextAt = t + intervalMillis;
                return true;
            }
        }

        void opened(String connectionId, CameraDefinition camera, JsonWebToken jwt) {
            byConnection.put(connectionId, new Stream(camera, jwt));
        }

        Stream get(String connectionId) {
            return byConnection.get(connectionId);
        }

        void closed(String connectionId) {
            byConnection.remove(connectionId);
        }

        public Map<String, CameraStatus> status() {
            Map<String, CameraStatus> out = new ConcurrentHashMap<>();
            for (Stream s : byConnection.values()) {
                CameraDefinition c = s.camera;
                out.put(c.cameraId(), new CameraStatus(c.cameraId(), c.orgId(), c.siteId(), c.name(), c.kind().name(),
                        CameraState.CONNECTED, null, s.lastFrameAt, 0, s.published.get(), s.dropped.get()));
            }
            return out;
        }
    }
}
