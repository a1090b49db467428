package dev.slipway.gitops.promote;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code slipway promote} asks for.
 *
 * @param environment the environment to change
 * @param sources manifest files or folders of the model repository
 * @param author who promotes
 * @param email their e-mail
 * @param message why (empty: a message naming the deployments and the source commit)
 * @param sourceRepository the model repository (URL or folder), or empty
 * @param sourceCommit its commit, or empty
 * @param images {@code --set-image NAME=NAME:VERSION} overrides of container images (see
 *     {@link dev.slipway.gitops.spec.ImageOverrides})
 * @param run the pipeline run that promotes ({@code Slipway-Run} trailer), or empty
 */
public record Promotion(
        String environment,
        List<Path> sources,
        String author,
        String email,
        String message,
        String sourceRepository,
        String sourceCommit,
        List<String> images,
        String run) {

    public Promotion {
        Objects.requireNonNull(environment, "environment");
        sources = List.copyOf(sources);
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(sourceRepository, "sourceRepository");
        Objects.requireNonNull(sourceCommit, "sourceCommit");
        images = List.copyOf(images);
        run = run == null ? "" : run;
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("--from: at least one manifest file or folder is required");
        }
        if (author.isBlank()) {
            throw new IllegalArgumentException("--author: must not be empty");
        }
    }
}
