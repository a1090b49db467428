/** Seldon Core v1 JSON messages (SeldonMessage, Feedback, SeldonMessageList). */
@NullMarked
package dev.slipway.protocol.v1;

import org.jspecify.annotations.NullMarked;
