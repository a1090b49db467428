/** The Kubernetes runtime target: server-side apply, an inventory of applied objects, health from object status. */
package dev.slipway.kubernetes.target;
