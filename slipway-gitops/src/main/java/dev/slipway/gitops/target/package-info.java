/** Runtime targets: the SPI a place that runs deployments implements ({@code local} first), and their status. */
package dev.slipway.gitops.target;
