/** Open Inference Protocol (KServe v2) JSON messages. */
@NullMarked
package dev.slipway.protocol.v2;

import org.jspecify.annotations.NullMarked;
