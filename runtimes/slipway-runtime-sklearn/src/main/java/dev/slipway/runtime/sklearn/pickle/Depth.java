package dev.slipway.runtime.sklearn.pickle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Enforces {@link PickleLimits#maxDepth()}: the deepest nesting of containers (tuples, lists, dicts, sets,
 * instances, object arrays) in the graph an unpickled value reaches. Measured after the VM has run, on the
 * finished graph, so that containers filled after being placed in a parent (through the memo) are counted
 * too. The walk is iterative (no Java recursion); an edge back to a container still being walked (a
 * cycle) adds no depth.
 */
final class Depth {

    private Depth() {}

    /** @throws PickleException when {@code root} nests deeper than {@code max} */
    static void check(Object root, int max) {
        Map<Object, Integer> done = new IdentityHashMap<>();
        Map<Object, Boolean> open = new IdentityHashMap<>();
        ArrayDeque<Object[]> work = new ArrayDeque<>();
        if (children(root) == null) {
            return;
        }
        work.push(new Object[] {root, children(root), 0, 0});
        open.put(root, Boolean.TRUE);
        while (!work.isEmpty()) {
            Object[] frame = work.peek();
            @SuppressWarnings("unchecked")
            List<Object> kids = (List<Object>) frame[1];
            int next = (Integer) frame[2];
            if (next < kids.size()) {
                frame[2] = next + 1;
                Object child = kids.get(next);
                Integer known = done.get(child);
                if (known != null) {
                    frame[3] = Math.max((Integer) frame[3], known);
                    continue;
                }
                List<Object> grand = children(child);
                if (grand == null || open.containsKey(child)) {
                    continue;
                }
                if (work.size() >= max) {
                    throw new PickleException("pickle nests containers deeper than " + max + " levels");
                }
                open.put(child, Boolean.TRUE);
                work.push(new Object[] {child, grand, 0, 0});
                continue;
            }
            work.pop();
            int depth = 1 + (Integer) frame[3];
            if (depth > max) {
                throw new PickleException("pickle nests containers deeper than " + max + " levels");
            }
            open.remove(frame[0]);
            done.put(frame[0], depth);
            Object[] parent = work.peek();
            if (parent != null) {
                parent[3] = Math.max((Integer) parent[3], depth);
            }
        }
    }

    /** The values a container holds, or null when the value is not a container. */
    private static List<Object> children(Object o) {
        if (o instanceof PyTuple t) {
            return t.items();
        }
        if (o instanceof PyList l) {
            return l;
        }
        if (o instanceof PyDict d) {
            List<Object> out = new ArrayList<>(d.size() * 2);
            d.forEach((k, v) -> {
                out.add(k);
                out.add(v);
            });
            return out;
        }
        if (o instanceof PySet s) {
            return new ArrayList<>(s);
        }
        if (o instanceof PyInstance i) {
            List<Object> out = new ArrayList<>(4);
            out.add(i.args());
            out.add(i.state());
            out.add(i.listItems());
            out.add(i.dictItems());
            return out;
        }
        if (o instanceof NdArray a && a.objectItems() != null) {
            return java.util.Arrays.asList(a.objectItems());
        }
        return null;
    }
}
