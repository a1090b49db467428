/** Issue 13's memory attack on the model server. */
package dev.slipway.serving.security;
