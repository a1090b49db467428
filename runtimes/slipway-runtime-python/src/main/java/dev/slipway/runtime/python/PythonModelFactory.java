package dev.slipway.runtime.python;

import dev.slipway.model.Model;
import dev.slipway.model.ModelFactory;

/**
 * The {@code PYTHON} runtime: a Seldon Python user-model class (the folder of its modules in parameter
 * {@code slipway.python.dir}) served by long-lived Python worker processes. Found with {@link java.util.ServiceLoader}.
 */
public final class PythonModelFactory implements ModelFactory {

    /** The implementation name. */
    public static final String NAME = "PYTHON";

    private static final System.Logger LOG = System.getLogger("dev.slipway.runtime.python");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Model create() {
        return new PythonModel(System.getenv(), line -> LOG.log(System.Logger.Level.INFO, line));
    }
}
