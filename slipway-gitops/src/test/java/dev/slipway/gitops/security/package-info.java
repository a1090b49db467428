/** Attacks on promotion and names (issue 13), each shown to do no harm. */
package dev.slipway.gitops.security;
