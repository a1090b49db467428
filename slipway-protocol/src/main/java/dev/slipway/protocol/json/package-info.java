/** JSON helpers shared by the codecs: plain-value conversion and parser limits. */
package dev.slipway.protocol.json;
