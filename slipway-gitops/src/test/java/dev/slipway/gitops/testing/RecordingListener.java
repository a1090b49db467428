package dev.slipway.gitops.testing;

import dev.slipway.gitops.spec.SeldonDeployment;
import dev.slipway.gitops.target.ReplicaKey;
import dev.slipway.gitops.target.RuntimeListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a runtime announces, in order, as short strings such as {@code ready p/m#0}. */
public final class RecordingListener implements RuntimeListener {

    private final List<String> events = new CopyOnWriteArrayList<>();

    public List<String> events() {
        return List.copyOf(events);
    }

    private static String id(ReplicaKey k) {
        return k.predictor() + "/" + k.node() + "#" + k.replica();
    }

    @Override
    public void replicaReady(ReplicaKey key, String host, int port) {
        events.add("ready " + id(key));
    }

    @Override
    public void replicaUnavailable(ReplicaKey key) {
        events.add("unavailable " + id(key));
    }

    @Override
    public void drain(ReplicaKey key) {
        events.add("drain " + id(key));
    }

    @Override
    public void deploymentChanged(SeldonDeployment deployment) {
        events.add("changed " + deployment.name());
    }

    @Override
    public void deploymentRemoved(String namespace, String name) {
        events.add("removed " + name);
    }
}
