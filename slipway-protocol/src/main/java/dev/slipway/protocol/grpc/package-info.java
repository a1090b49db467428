/** The gRPC wire formats (Seldon's {@code seldon.protos}, the Open Inference Protocol's {@code inference}) and their conversion to the protocol records. */
package dev.slipway.protocol.grpc;
