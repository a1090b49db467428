package dev.slipway.runtime.python;

import dev.slipway.model.NamedModelFactory;

/**
 * The {@code PYTHON} runtime: a Seldon Python user-model class (the folder of its modules in parameter
 * {@code slipway.python.dir}) served by long-lived Python worker processes. Found with {@link java.util.ServiceLoader}.
 */
public final class PythonModelFactory extends NamedModelFactory {

    /** The implementation name. */
    public static final String NAME = "PYTHON";

    private static final System.Logger LOG = System.getLogger("dev.slipway.runtime.python");

    public PythonModelFactory() {
        super(NAME, () -> new PythonModel(System.getenv(), line -> LOG.log(System.Logger.Level.INFO, line)));
    }
}
