/** Benchmarks of ONNX_SERVER against a bare ONNX Runtime session in the same JVM. */
package dev.slipway.bench.onnx;
