package dev.slipway.serving.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * A prediction's answer, in the cheapest form a transport can use: for a one-node graph whose node is a Slipway model
 * server (its 200 answer holds only SeldonMessage fields, {@code meta} with its puid first), the node's bytes, to which
 * only {@code meta.requestPath} ({@link #node()}: its image) is to be added; otherwise the finished JSON tree.
 */
final class Answer {

    private final @Nullable Buffer reply;
    private final GraphRoute node;
    private final CallContext ctx;
    private @Nullable ObjectNode tree;

    private Answer(@Nullable Buffer reply, GraphRoute node, CallContext ctx, @Nullable ObjectNode tree) {
        this.reply = reply;
        this.node = node;
        this.ctx = ctx;
        this.tree = tree;
    }

    /** The node's schema-only answer, to be completed with the node's requestPath entry. */
    static Answer reply(Buffer reply, GraphRoute node, CallContext ctx) {
        return new Answer(reply, node, ctx, null);
    }

    /** A finished answer. */
    static Answer tree(ObjectNode tree, GraphRoute node, CallContext ctx) {
        return new Answer(null, node, ctx, tree);
    }

    /** The node's bytes when {@link #node()}'s requestPath entry is all they lack, else null. */
    @Nullable
    Buffer reply() {
        return reply;
    }

    /** The node that answered (the graph's root). */
    GraphRoute node() {
        return node;
    }

    /** The answer as a finished tree (parsed from the node's bytes on first use). */
    ObjectNode tree() {
        if (tree == null) {
            final ObjectNode parsed = SeldonJson.parseReply(
                    java.util.Objects.requireNonNull(reply).getBytes());
            if (parsed == null) {
                throw new GatewayException(
                        502, "MICROSERVICE_BAD_RESPONSE", "node " + node.name() + " answered with no JSON object");
            }
            ctx.collect(parsed);
            tree = DeploymentService.finish(parsed, ctx, null, null);
        }
        return tree;
    }
}
