/** The transport-free data plane (the counterpart of MLServer handlers and Seldon model microservice methods). */
package dev.slipway.serving.handler;
