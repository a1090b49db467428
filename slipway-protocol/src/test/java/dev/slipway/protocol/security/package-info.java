/** Hostile inputs of issue 13 against the wire formats. */
package dev.slipway.protocol.security;
