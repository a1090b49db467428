package dev.slipway.runtime.sklearn.estimators;

import dev.slipway.model.ModelException;

/**
 * Text documents, one per row.
 *
 * @param documents the documents (owned; never modified)
 */
public record TextRows(String[] documents) implements Rows {

    @Override
    public int count() {
        return documents.length;
    }

    @Override
    public String describe() {
        return "text [" + documents.length + "]";
    }

    /** These rows, or an {@link ModelException.InvalidInput} naming {@code who} when they are numbers. */
    public static TextRows require(Rows rows, String who) {
        if (rows instanceof TextRows t) {
            return t;
        }
        throw new ModelException.InvalidInput(
                who + " expects text documents but got numbers (" + rows.describe() + ")");
    }
}
