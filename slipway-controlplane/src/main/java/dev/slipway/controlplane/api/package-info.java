/**
 * The control plane's REST API: {@link dev.slipway.controlplane.api.ApiServer} owns the router and the one
 * {@link dev.slipway.controlplane.api.ErrorMapper}; each {@code *Api} mounts its routes and gets its services by
 * constructor; requests and answers are the {@code dev.slipway.api} records ({@link dev.slipway.controlplane.api.Views}
 * maps the domain's types to them).
 */
package dev.slipway.controlplane.api;
