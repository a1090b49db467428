/** gRPC transport of the model server: Seldon's component services and the Open Inference Protocol's GRPCInferenceService over the data plane. */
package dev.slipway.serving.grpc;
