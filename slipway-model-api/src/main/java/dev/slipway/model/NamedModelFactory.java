package dev.slipway.model;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A {@link ModelFactory} made of its implementation name and its model's constructor, for the usual runtime:
 * {@code public final class MyFactory extends NamedModelFactory { public MyFactory() { super("MY_SERVER",
 * MyModel::new); } }} (ServiceLoader needs the public no-argument constructor).
 */
public abstract class NamedModelFactory implements ModelFactory {

    private final String name;
    private final Supplier<? extends Model> models;

    /**
     * @param name the implementation name, as a deployment's {@code implementation} field says it
     * @param models makes a new, not yet loaded model
     */
    protected NamedModelFactory(String name, Supplier<? extends Model> models) {
        this.name = Objects.requireNonNull(name, "name");
        this.models = Objects.requireNonNull(models, "models");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Model create() {
        return models.get();
    }
}
