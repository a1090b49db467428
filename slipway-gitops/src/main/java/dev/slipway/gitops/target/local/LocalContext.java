package dev.slipway.gitops.target.local;

import dev.slipway.gitops.target.RuntimeListener;
import java.net.http.HttpClient;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

/** What every supervised replica shares: settings, the listener, the scheduler, an HTTP client, the live set. */
record LocalContext(
        LocalRuntimeConfig config,
        RuntimeListener listener,
        ScheduledExecutorService scheduler,
        HttpClient http,
        Set<SupervisedReplica> live) {}
