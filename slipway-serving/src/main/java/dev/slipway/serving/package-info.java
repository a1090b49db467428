/** The model server: loading models, the transport-free data plane, and its HTTP transport. */
package dev.slipway.serving;
