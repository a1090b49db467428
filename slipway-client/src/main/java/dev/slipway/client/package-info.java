/** Clients: predictions and feedback over Seldon v1 and Open Inference v2, with the options of Seldon's Python SeldonClient. */
@NullMarked
package dev.slipway.client;

import org.jspecify.annotations.NullMarked;
