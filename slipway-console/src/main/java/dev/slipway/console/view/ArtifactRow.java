package dev.slipway.console.view;

/** A stored artifact (an OCI image of a custom server): name, version, digest, size and when it was published. */
public record ArtifactRow(String name, String version, String digest, long size, String published) {

    public String shortDigest() {
        return digest.length() > 19 ? digest.substring(0, 19) : digest;
    }
}
