/** Seldon Core v1 JSON messages (SeldonMessage, Feedback, SeldonMessageList). */
package dev.slipway.protocol.v1;
