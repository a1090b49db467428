/** JSON helpers shared by the codecs: plain-value conversion and parser limits. */
@NullMarked
package dev.slipway.protocol.json;

import org.jspecify.annotations.NullMarked;
