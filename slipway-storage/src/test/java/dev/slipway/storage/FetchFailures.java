package dev.slipway.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one assertion the storage tests make about a failed fetch: its reason and what its message names. */
final class FetchFailures {

    private FetchFailures() {}

    static void assertFetchFails(ModelStorage storage, String uri, StorageException.Reason reason, String... names) {
        assertThatThrownBy(() -> storage.fetch(uri)).isInstanceOfSatisfying(StorageException.class, e -> {
            assertThat(e.getMessage()).contains(names);
            assertThat(e.reason()).isEqualTo(reason);
        });
    }
}
