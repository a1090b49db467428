package dev.slipway.model;

import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** An immutable registry of runtimes by implementation name; two runtimes with one name are an error. */
public final class ModelFactories {

    private final Map<String, ModelFactory> byName;

    private ModelFactories(Map<String, ModelFactory> byName) {
        this.byName = byName;
    }

    /** The runtimes listed in {@code META-INF/services} on this class loader. */
    public static ModelFactories load(ClassLoader loader) {
        return of(ServiceLoader.load(ModelFactory.class, loader).stream()
                .map(ServiceLoader.Provider::get)
                .toList());
    }

    /**
     * A registry of these runtimes.
     *
     * @throws IllegalStateException when two share a name (naming both classes)
     */
    public static ModelFactories of(Collection<? extends ModelFactory> factories) {
        Map<String, ModelFactory> map = new TreeMap<>();
        for (ModelFactory f : factories) {
            String key = normalise(f.name());
            ModelFactory previous = map.putIfAbsent(key, f);
            if (previous != null) {
                throw new IllegalStateException("two runtimes are named "
                        + f.name()
                        + ": "
                        + previous.getClass().getName()
                        + " and "
                        + f.getClass().getName());
            }
        }
        return new ModelFactories(Collections.unmodifiableMap(map));
    }

    private static String normalise(String name) {
        return name.trim().toUpperCase(Locale.ROOT);
    }

    /** The runtime with this implementation name (case-insensitive). */
    public Optional<ModelFactory> find(String name) {
        return Optional.ofNullable(byName.get(normalise(name)));
    }

    /**
     * The runtime with this name.
     *
     * @throws ModelException.LoadFailure naming the known runtimes when there is none
     */
    public ModelFactory require(String name) {
        return find(name)
                .orElseThrow(() -> new ModelException.LoadFailure(
                        "no runtime named '" + name + "' (available: " + String.join(", ", byName.keySet()) + ")"));
    }

    /** The known implementation names, sorted. */
    public Collection<String> names() {
        return byName.keySet();
    }
}
