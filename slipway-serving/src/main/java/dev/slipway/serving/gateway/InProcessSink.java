package dev.slipway.serving.gateway;

import io.vertx.core.buffer.Buffer;
import java.time.Instant;

/**
 * A request-log sink in the gateway's own process (the built-in sink of {@code slipway up --request-log}): it takes
 * events without an HTTP exchange each. Events to its {@link #url()} are handed to {@link #offer} instead of posted.
 */
public interface InProcessSink {

    /** The URL the sink also answers on over HTTP (the events sent there are handed over in process instead). */
    String url();

    /**
     * Takes one event, at once (it must not block: it runs on the gateway's event loop).
     *
     * @return false when the sink cannot take it now (its queue is full): the event is dropped and counted
     * @throws IllegalArgumentException when an attribute is not acceptable (the message names it)
     */
    boolean offer(Event event);

    /**
     * One CloudEvent with Seldon's attributes, as the HTTP binary mode would carry them in {@code Ce-*} headers.
     *
     * @param id {@code Ce-Id} (the puid; {@code Ce-Requestid} too)
     * @param type {@code Ce-Type}
     * @param time {@code Ce-Time}
     * @param namespace {@code Ce-Namespace}
     * @param deployment {@code Ce-Inferenceservicename}
     * @param predictor {@code Ce-Endpoint}
     * @param node {@code Ce-Modelid}
     * @param payload the body: the bytes that crossed the node (not copied; nobody changes them afterwards)
     */
    record Event(
            String id,
            String type,
            Instant time,
            String namespace,
            String deployment,
            String predictor,
            String node,
            Buffer payload) {}
}
