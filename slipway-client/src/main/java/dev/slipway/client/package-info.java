/** Clients: predictions and feedback over Seldon v1 and Open Inference v2, with the options of Seldon's Python SeldonClient. */
package dev.slipway.client;
