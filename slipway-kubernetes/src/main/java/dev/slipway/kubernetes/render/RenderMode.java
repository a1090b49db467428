package dev.slipway.kubernetes.render;

import java.util.Locale;

/** How a SeldonDeployment reaches a cluster. */
public enum RenderMode {
    /** Plain Deployments, Services, PDBs and HPAs running Slipway's own model server and gateway. */
    NATIVE,
    /** The SeldonDeployment custom resource itself, for clusters that run Seldon Core v1's operator. */
    SELDON;

    /** Parses {@code native} or {@code seldon}; {@code field} names the setting in the error. */
    public static RenderMode parse(String text, String field) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not a mode (native or seldon)");
        }
    }

    /** The lower-case spelling used in files and flags. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }
}
