package dev.slipway.console.view;

/** An approval or a rejection of a promotion request. */
public record Decision(String user, String action, String reason, String at) {}
