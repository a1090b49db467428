/** Attacks on pipeline steps (issue 13), each played against the real runner and shown to do no harm. */
package dev.slipway.pipeline.security;
