/**
 * The web console of {@code slipway up}: server-rendered pages (jte templates compiled at build time) over the
 * control plane's own REST API, called with the signed-in user's token, so the console shows and may do exactly
 * what the CLI shows and may do.
 */
package dev.slipway.console;
