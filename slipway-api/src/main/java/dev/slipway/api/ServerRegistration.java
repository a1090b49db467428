package dev.slipway.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of {@code POST /api/v1/servers}: register (or update) a server in {@code servers.yaml} by a commit on main.
 *
 * @param name its implementation name, e.g. {@code IMAGE_CLASSIFIER}
 * @param image the published artifact {@code NAME:VERSION}
 * @param modelClass the model class, or null (the image's label)
 * @param author who registers it (the commit's author)
 * @param email the author's e-mail, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerRegistration(String name, String image, String modelClass, String author, String email) {

    /**
     * The answer (201 registered, 200 updated or unchanged).
     *
     * @param commit the commit on main, or null when nothing changed
     * @param action what happened
     * @param message one line for people
     */
    public record Result(String commit, String action, String message) {}
}
