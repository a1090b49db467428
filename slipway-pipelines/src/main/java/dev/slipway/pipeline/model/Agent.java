package dev.slipway.pipeline.model;

/**
 * Where a pipeline or stage asks to run ({@code agent: {image, label}}). Slipway runs steps as local
 * processes, so the image and label are recorded and reported, never used.
 *
 * @param image a container image, or null
 * @param label an agent label, or null
 */
public record Agent(String image, String label) {

    public static final Agent NONE = new Agent(null, null);

    public boolean isEmpty() {
        return image == null && label == null;
    }
}
