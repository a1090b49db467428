/**
 * gRPC's own HTTP/2 path: unary calls over cleartext HTTP/2 with prior knowledge served by a lean connection handler
 * on Netty's frame reader, on the same port as Vert.x's HTTP server.
 */
@NullMarked
package dev.slipway.serving.grpc.h2;

import org.jspecify.annotations.NullMarked;
