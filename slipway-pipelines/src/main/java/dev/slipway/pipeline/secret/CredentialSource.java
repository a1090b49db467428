package dev.slipway.pipeline.secret;

import java.util.Optional;
import java.util.SortedSet;

/** Where a run gets the values of the credentials its pipeline names. */
public interface CredentialSource {

    /** The names available. */
    SortedSet<String> names();

    /** The value of a credential, if there is one by that name. */
    Optional<String> get(String name);

    /** Which runs may have a credential ({@link CredentialScope#DEFAULT} unless the source says more). */
    default CredentialScope scope(String name) {
        return CredentialScope.DEFAULT;
    }

    /** A source with no credentials. */
    static CredentialSource empty() {
        return new CredentialSource() {
            @Override
            public SortedSet<String> names() {
                return new java.util.TreeSet<>();
            }

            @Override
            public Optional<String> get(String name) {
                return Optional.empty();
            }
        };
    }
}
