package dev.slipway.gitops.target.local;

import java.util.Objects;

/**
 * Chooses the class path a replica's JVM starts with: the smallest that serves its implementation (the model server
 * and that one runtime), instead of the whole distribution the supervisor runs on.
 */
@FunctionalInterface
public interface ReplicaClasspath {

    /** The class path and main class for {@code spec}'s replica, or null to start it as the command says. */
    Choice choose(LaunchSpec spec);

    /**
     * A replica JVM's class path and main class (taking the arguments of {@code slipway serve}, the {@code serve}
     * command word first).
     *
     * @param classpath the class path
     * @param mainClass the main class
     */
    record Choice(String classpath, String mainClass) {
        public Choice {
            Objects.requireNonNull(classpath, "classpath");
            Objects.requireNonNull(mainClass, "mainClass");
        }
    }
}
