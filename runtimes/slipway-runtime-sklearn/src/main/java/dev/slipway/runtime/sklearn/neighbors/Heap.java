package dev.slipway.runtime.sklearn.neighbors;

/**
 * scikit-learn's k-nearest bookkeeping ({@code sklearn.utils._heap.heap_push} and
 * {@code sklearn.utils._sorting.simultaneous_sort}), reproduced so that ties between equal distances
 * resolve to the same neighbours.
 */
final class Heap {

    private Heap() {}

    /** Pushes {@code val} onto the max-heap {@code values[0..size)} unless it is not below the root. */
    static void push(double[] values, int[] indices, int size, double val, int valIdx) {
        if (val >= values[0]) {
            return;
        }
        values[0] = val;
        indices[0] = valIdx;
        int current = 0;
        while (true) {
            int left = 2 * current + 1;
            int right = left + 1;
            int swap;
            if (left >= size) {
                break;
            } else if (right >= size) {
                if (values[left] > val) {
                    swap = left;
                } else {
                    break;
                }
            } else if (values[left] >= values[right]) {
                if (val < values[left]) {
                    swap = left;
                } else {
                    break;
                }
            } else {
                if (val < values[right]) {
                    swap = right;
                } else {
                    break;
                }
            }
            values[current] = values[swap];
            indices[current] = indices[swap];
            current = swap;
        }
        values[current] = val;
        indices[current] = valIdx;
    }

    /** Sorts {@code values[from..from+size)} ascending, moving {@code indices} alike (median-of-three quicksort). */
    static void simultaneousSort(double[] values, int[] indices, int from, int size) {
        if (size <= 1) {
            return;
        }
        if (size == 2) {
            if (values[from] > values[from + 1]) {
                swap(values, indices, from, from + 1);
            }
            return;
        }
        if (size == 3) {
            if (values[from] > values[from + 1]) {
                swap(values, indices, from, from + 1);
            }
            if (values[from + 1] > values[from + 2]) {
                swap(values, indices, from + 1, from + 2);
                if (values[from] > values[from + 1]) {
                    swap(values, indices, from, from + 1);
                }
            }
            return;
        }
        int pivot = size / 2;
        int last = size - 1;
        if (values[from] > values[from + last]) {
            swap(values, indices, from, from + last);
        }
        if (values[from + last] > values[from + pivot]) {
            swap(values, indices, from + last, from + pivot);
            if (values[from] > values[from + last]) {
                swap(values, indices, from, from + last);
            }
        }
        double pivotVal = values[from + last];
        int store = 0;
        for (int i = 0; i < last; i++) {
            if (values[from + i] < pivotVal) {
                swap(values, indices, from + i, from + store);
                store++;
            }
        }
        swap(values, indices, from + store, from + last);
        if (store > 1) {
            simultaneousSort(values, indices, from, store);
        }
        if (store + 2 < size) {
            simultaneousSort(values, indices, from + store + 1, size - store - 1);
        }
    }

    private static void swap(double[] values, int[] indices, int i, int j) {
        double v = values[i];
        values[i] = values[j];
        values[j] = v;
        int t = indices[i];
        indices[i] = indices[j];
        indices[j] = t;
    }
}
