/** Users, roles and API tokens of slipway up: a token store and the handler that guards the API and git hosting. */
@NullMarked
package dev.slipway.controlplane.auth;

import org.jspecify.annotations.NullMarked;
