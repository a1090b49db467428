package dev.slipway.serving.http;

import io.vertx.core.transport.Transport;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which network transport a Vertx made by {@link H2c#vertx} runs on: Netty's native epoll transport when its
 * library loads (Linux x86-64: fewer copies and system calls per request, and Unix domain sockets), else Java NIO.
 * {@code -Dslipway.transport=nio} forces NIO (to compare the two); the choice is logged once per process.
 */
public final class Transports {

    /** The system property that forces a transport: {@code nio} or {@code native} (the default). */
    public static final String PROPERTY = "slipway.transport";

    private static final Logger LOG = LoggerFactory.getLogger(Transports.class);

    private static final Transport CHOSEN = choose(System.getProperty(PROPERTY, "native"));

    private Transports() {}

    /** The transport of this process. */
    public static Transport chosen() {
        return CHOSEN;
    }

    /** True when this process runs on a native transport (domain sockets are then available). */
    public static boolean isNative() {
        return CHOSEN != Transport.NIO;
    }

    static Transport choose(String wanted) {
        if ("nio".equals(wanted.trim().toLowerCase(Locale.ROOT))) {
            LOG.info("network transport: nio (-D{}=nio)", PROPERTY);
            return Transport.NIO;
        }
        final Transport epoll = Transport.EPOLL;
        if (epoll.available()) {
            LOG.info("network transport: epoll (native)");
            return epoll;
        }
        final Throwable why = epoll.unavailabilityCause();
        LOG.info(
                "network transport: nio (epoll unavailable: {})",
                why == null ? "not on the class path" : why.toString());
        return Transport.NIO;
    }
}
