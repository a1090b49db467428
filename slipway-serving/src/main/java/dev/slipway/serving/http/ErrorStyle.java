package dev.slipway.serving.http;

/** How an endpoint writes errors: Seldon's {@code status} object, or the v2 {@code {"error": …}}. */
public enum ErrorStyle {
    SELDON,
    V2
}
