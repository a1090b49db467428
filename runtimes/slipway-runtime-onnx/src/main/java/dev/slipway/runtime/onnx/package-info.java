/** ONNX_SERVER: serves an ONNX model with ONNX Runtime, mapping v1 and v2 payloads to its inputs. */
@NullMarked
package dev.slipway.runtime.onnx;

import org.jspecify.annotations.NullMarked;
