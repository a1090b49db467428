package dev.slipway.serving.model;

import dev.slipway.model.Model;
import dev.slipway.model.ModelContext;
import dev.slipway.model.ModelException;
import dev.slipway.model.ModelFactories;
import dev.slipway.model.ModelFactory;
import dev.slipway.model.ModelMetadata;
import dev.slipway.storage.ModelStorage;
import dev.slipway.storage.StorageException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a {@link ModelSource}: fetches its model URI through {@link ModelStorage}, finds its runtime
 * (by {@link java.util.ServiceLoader} name, on the server's class path plus the source's extra jars) or
 * instantiates its custom class, and calls {@link Model#load}. Every failure is a
 * {@link ModelException.LoadFailure} naming the model URI (or class) and the cause.
 */
public final class ModelLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ModelLoader.class);

    private final ModelStorage storage;
    private final ClassLoader parent;

    public ModelLoader(ModelStorage storage, ClassLoader parent) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.parent = Objects.requireNonNull(parent, "parent");
    }

    /** Loads the model; the caller owns (and closes) the result. */
    public LoadedModel load(ModelSource source) {
        URLClassLoader extra = source.classpath().isEmpty() ? null : classLoader(source.classpath());
        ClassLoader loader = extra != null ? extra : parent;
        try {
            ModelFactories runtimes = ModelFactories.load(loader);
            Model model = source.className() != null
                    ? instantiate(source.className(), loader)
                    : factory(source, runtimes).create();
            Path dir = fetch(source);
            ModelContext context =
                    new ModelContext(source.name(), dir, source.modelUri(), source.parameters(), runtimes);
            try {
                model.load(context);
            } catch (ModelException.LoadFailure e) {
                throw failure(source, e.getMessage(), e);
            } catch (Exception | LinkageError | OutOfMemoryError e) {
                throw failure(source, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
            }
            ModelMetadata metadata = model.metadata();
            return new LoadedModel(source.name(), source.describe(), model, metadata, extra);
        } catch (RuntimeException | Error e) {
            closeQuietly(extra);
            throw e;
        }
    }

    private static ModelFactory factory(ModelSource source, ModelFactories runtimes) {
        return runtimes.find(source.implementation())
                .orElseThrow(() -> new ModelException.LoadFailure(
                        UnsupportedRuntimes.message(source.implementation(), runtimes.names())));
    }

    private Path fetch(ModelSource source) {
        if (source.modelUri() == null || source.modelUri().isBlank()) {
            return null;
        }
        try {
            return storage.fetch(source.modelUri());
        } catch (StorageException e) {
            throw new ModelException.LoadFailure(e.getMessage(), e);
        }
    }

    private static ModelException.LoadFailure failure(ModelSource source, String cause, Throwable e) {
        String what = source.modelUri() != null
                ? "model URI '" + source.modelUri() + "'"
                : "model class " + source.className();
        return new ModelException.LoadFailure(
                "could not load " + source.describe() + " from " + what + ": " + cause, e);
    }

    private URLClassLoader classLoader(List<Path> classpath) {
        List<URL> urls = new ArrayList<>();
        for (Path p : classpath) {
            if (!Files.exists(p)) {
                throw new ModelException.LoadFailure("classpath entry " + p + " does not exist");
            }
            try {
                urls.add(p.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new ModelException.LoadFailure(
                        "classpath entry " + p + " is not a valid path: " + e.getMessage());
            }
        }
        return new URLClassLoader("slipway-model", urls.toArray(URL[]::new), parent);
    }

    private static Model instantiate(String className, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new ModelException.LoadFailure("model class " + className + " was not found on the classpath");
        } catch (LinkageError e) {
            throw new ModelException.LoadFailure("model class " + className + " could not be loaded: " + e);
        }
        if (!Model.class.isAssignableFrom(type)) {
            throw new ModelException.LoadFailure(
                    "model class " + className + " does not implement " + Model.class.getName());
        }
        if (Modifier.isAbstract(type.getModifiers())) {
            throw new ModelException.LoadFailure("model class " + className + " is abstract");
        }
        try {
            Constructor<?> c = type.getConstructor();
            return (Model) c.newInstance();
        } catch (NoSuchMethodException e) {
            throw new ModelException.LoadFailure("model class " + className + " has no public no-argument constructor");
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ModelException.LoadFailure("model class " + className + " could not be created: " + cause, cause);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception | Error ignored) {
            // best effort: the load failure is what matters
            LOG.debug("best effort: the load failure is what matters", ignored);
        }
    }
}
