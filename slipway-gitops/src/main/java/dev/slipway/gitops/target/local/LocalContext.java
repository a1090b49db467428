package dev.slipway.gitops.target.local;

import dev.slipway.gitops.target.RuntimeListener;
import java.net.http.HttpClient;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * What every supervised replica shares: settings, the listener, the scheduler, an HTTP client, the live set, and the
 * shared server processes of packed replicas (null when the runtime packs nothing).
 */
record LocalContext(
        LocalRuntimeConfig config,
        RuntimeListener listener,
        ScheduledExecutorService scheduler,
        HttpClient http,
        Set<SupervisedReplica> live,
        @Nullable PackHosts packs) {}
