/** Open Inference Protocol (KServe v2) JSON messages. */
package dev.slipway.protocol.v2;
