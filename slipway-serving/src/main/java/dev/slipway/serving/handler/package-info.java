/** The transport-free data plane (the counterpart of MLServer handlers and Seldon model microservice methods). */
@NullMarked
package dev.slipway.serving.handler;

import org.jspecify.annotations.NullMarked;
