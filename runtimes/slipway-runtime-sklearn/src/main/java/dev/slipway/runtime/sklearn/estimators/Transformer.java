package dev.slipway.runtime.sklearn.estimators;

import java.util.Optional;

/**
 * A fitted transformer (scalers, encoders, imputers, vectorizers, …): {@link #transform} is its one method, and
 * it says what it reads, once, instead of each class overriding {@link #takesText()} and {@link #takesTable()}.
 */
public abstract class Transformer extends Fitted {

    /** What {@link #transform} reads. */
    protected enum Reads {
        /** numeric rows, dense or sparse */
        NUMBERS,
        /** text documents */
        TEXT,
        /** a table whose cells may be text */
        TABLE
    }

    private final Reads reads;

    /** A transformer that records no {@code feature_names_in_}; {@code features} negative when unknown. */
    protected Transformer(String className, int features, Reads reads) {
        super(className, features, null, Optional.empty());
        this.reads = reads;
    }

    /** A transformer with the class name and {@code feature_names_in_} of the pickled attributes. */
    protected Transformer(Attributes a, int features, Reads reads) {
        super(a, features, null);
        this.reads = reads;
    }

    @Override
    public final boolean isTransformer() {
        return true;
    }

    @Override
    public final boolean takesText() {
        return reads == Reads.TEXT;
    }

    @Override
    public final boolean takesTable() {
        return reads == Reads.TABLE;
    }

    @Override
    public abstract Rows transform(Rows x);
}
