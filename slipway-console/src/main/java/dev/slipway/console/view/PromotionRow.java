package dev.slipway.console.view;

import java.util.List;

/**
 * A promotion request in a list.
 *
 * @param state {@code open}, {@code approved}, {@code rejected}, {@code merged}, {@code superseded}
 */
public record PromotionRow(
        String id,
        String environment,
        String author,
        String state,
        List<String> deployments,
        String sourceRepository,
        String sourceCommit,
        String created,
        String message) {

    public PromotionRow {
        deployments = List.copyOf(deployments);
    }

    public String shortCommit() {
        return sourceCommit.length() > 10 ? sourceCommit.substring(0, 10) : sourceCommit;
    }

    public boolean open() {
        return state.equals("open");
    }
}
