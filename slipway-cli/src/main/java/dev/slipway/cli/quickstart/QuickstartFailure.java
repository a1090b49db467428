package dev.slipway.cli.quickstart;

/** A quickstart step that did not succeed: names the step and says why. */
public final class QuickstartFailure extends RuntimeException {

    private final String step;

    public QuickstartFailure(String step, String message, Throwable cause) {
        super("step '" + step + "' failed: " + message, cause);
        this.step = step;
    }

    public String step() {
        return step;
    }
}
