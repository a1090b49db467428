package dev.slipway.console.view;

/** A step of a run: its state, duration, exit code and the reason it ended. */
public record StepView(String name, String reason, String duration, String exitCode, String message) {}
