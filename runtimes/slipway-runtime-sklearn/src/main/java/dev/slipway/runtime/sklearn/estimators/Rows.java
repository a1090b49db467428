package dev.slipway.runtime.sklearn.estimators;

import dev.slipway.model.ModelException;

/**
 * The rows an estimator receives: dense numbers, sparse numbers, text documents, or a table of mixed cells.
 * Immutable.
 */
public sealed interface Rows permits DenseRows, SparseRows, TextRows, TableRows {

    /** The number of rows. */
    int count();

    /** Human description such as {@code dense [2, 4]} for messages. */
    String describe();

    /**
     * These rows as numbers of exactly {@code expectedWidth} columns ({@code -1}: any).
     *
     * @throws ModelException.InvalidInput naming {@code who} when the rows are text or have another width
     */
    default Rows requireNumeric(int expectedWidth, String who) {
        if (this instanceof TextRows) {
            throw new ModelException.InvalidInput(
                    who + " expects numeric rows" + (expectedWidth >= 0 ? " of " + expectedWidth + " features" : "")
                            + " but got text (" + describe() + ")");
        }
        int w = width();
        if (expectedWidth >= 0 && w != expectedWidth) {
            throw new ModelException.InvalidInput(
                    who + " expects " + expectedWidth + " features per row but got " + w + " (" + describe() + ")");
        }
        return this instanceof TableRows t ? t.toNumbers(who) : this;
    }

    /** The number of columns (1 for text documents; records with a width override this). */
    default int width() {
        return 1;
    }

    /** The rows as a dense matrix (sparse rows are expanded). */
    default DenseRows toDense(int expectedWidth, String who) {
        Rows r = requireNumeric(expectedWidth, who);
        return r instanceof DenseRows d ? d : ((SparseRows) r).densify();
    }
}
