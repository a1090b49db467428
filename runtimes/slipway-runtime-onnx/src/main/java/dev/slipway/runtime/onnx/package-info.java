/** ONNX_SERVER: serves an ONNX model with ONNX Runtime, mapping v1 and v2 payloads to its inputs. */
package dev.slipway.runtime.onnx;
