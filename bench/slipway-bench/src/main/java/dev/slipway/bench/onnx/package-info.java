/** Benchmarks of ONNX_SERVER against a bare ONNX Runtime session in the same JVM. */
@NullMarked
package dev.slipway.bench.onnx;

import org.jspecify.annotations.NullMarked;
