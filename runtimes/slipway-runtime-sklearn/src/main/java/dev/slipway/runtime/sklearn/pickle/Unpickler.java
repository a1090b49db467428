package dev.slipway.runtime.sklearn.pickle;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A pickle virtual machine for protocols 0 to 5 that builds plain values ({@link PyTuple}, {@link PyList},
 * {@link PyDict}, {@link PySet}, strings, numbers, bytes), numpy arrays ({@link NdArray}) and inert
 * instances of allowed classes ({@link PyInstance}). It never executes anything from the stream: globals
 * are looked up in an {@link Allowlist} and calls go to Java implementations of a few known functions.
 * With joblib mode on, a BUILD of joblib's {@code NumpyArrayWrapper} reads the array bytes that follow.
 * One instance reads one stream once; not thread-safe.
 */
public final class Unpickler {

    private static final int HIGHEST_PROTOCOL = 5;

    private final PickleStream in;
    private final Allowlist allowlist;
    private final PickleLimits limits;
    private final boolean joblib;
    private final int nesting;
    private final List<Object> stack = new ArrayList<>();
    private int[] marks = new int[16];
    private int markCount;
    private final Map<Long, Object> memo = new HashMap<>();

    private Unpickler(PickleStream in, Allowlist allowlist, PickleLimits limits, boolean joblib, int nesting) {
        this.in = in;
        this.allowlist = allowlist;
        this.limits = limits;
        this.joblib = joblib;
        this.nesting = nesting;
    }

    /**
     * Reads one pickled value from {@code data}.
     *
     * @param joblib whether joblib's in-stream numpy arrays follow {@code NumpyArrayWrapper} BUILDs
     * @throws UnsafePickleException when the stream names a global outside the allowlist
     * @throws PickleException when the stream is truncated, corrupt, over a limit or unsupported
     */
    public static Object load(byte[] data, Allowlist allowlist, PickleLimits limits, boolean joblib) {
        Objects.requireNonNull(data, "data");
        if (data.length > limits.maxBytes()) {
            throw new PickleException(
                    "pickle stream of " + data.length + " bytes exceeds the limit of " + limits.maxBytes());
        }
        if (data.length == 0) {
            throw new PickleException("empty pickle stream (0 bytes)");
        }
        Object value = new Unpickler(new PickleStream(data), allowlist, limits, joblib, 0).run();
        Depth.check(value, limits.maxDepth());
        return value;
    }

    /** Reads a nested pickle that starts at the stream's current position (joblib object arrays). */
    Object loadNested() {
        if (nesting + 1 > limits.maxNestedPickles()) {
            throw new PickleException("more than " + limits.maxNestedPickles() + " nested pickle streams");
        }
        return new Unpickler(in, allowlist, limits, joblib, nesting + 1).run();
    }

    PickleStream stream() {
        return in;
    }

    private Object run() {
        try {
            while (true) {
                int at = in.position();
                int op = in.u8();
                in.context("opcode " + Opcodes.name(op) + " at byte " + at);
                if (op == Opcodes.STOP) {
                    if (stack.isEmpty()) {
                        throw new PickleException("STOP at byte " + at + " with an empty stack");
                    }
                    return stack.remove(stack.size() - 1);
                }
                step(op, at);
            }
        } catch (StackOverflowError e) {
            throw new PickleException("pickle stream nests too deeply", e);
        } catch (ArithmeticException | IndexOutOfBoundsException | ClassCastException e) {
            throw new PickleException("corrupt pickle stream at byte " + in.position() + ": " + e.getMessage(), e);
        }
    }

    private void step(int op, int at) {
        switch (op) {
            case Opcodes.PROTO -> {
                int p = in.u8();
                if (p > HIGHEST_PROTOCOL) {
                    throw new PickleException("unsupported pickle protocol " + p + " (this reader knows 0 to 5)");
                }
            }
            case Opcodes.FRAME -> in.u64Length();
            case Opcodes.MARK -> pushMark();
            case Opcodes.POP -> {
                if (markCount > 0 && marks[markCount - 1] == stack.size()) {
                    popMark();
                } else {
                    pop();
                }
            }
            case Opcodes.POP_MARK -> popMark();
            case Opcodes.DUP -> push(peek());
            case Opcodes.NONE -> push(null);
            case Opcodes.NEWTRUE -> push(Boolean.TRUE);
            case Opcodes.NEWFALSE -> push(Boolean.FALSE);
            case Opcodes.INT -> push(TextOpcodes.parseInt(in.line(TextOpcodes.MAX_DIGITS)));
            case Opcodes.LONG -> push(TextOpcodes.parseLong(in.line(TextOpcodes.MAX_DIGITS)));
            case Opcodes.BININT -> push((long) in.s32());
            case Opcodes.BININT1 -> push((long) in.u8());
            case Opcodes.BININT2 -> push((long) in.u16());
            case Opcodes.LONG1 -> push(decodeLong(in.u8()));
            case Opcodes.LONG4 -> push(decodeLong(in.s32()));
            case Opcodes.FLOAT -> push(TextOpcodes.parseFloat(in.line(64)));
            case Opcodes.BINFLOAT -> push(in.f64BigEndian());
            case Opcodes.STRING -> push(TextOpcodes.parseQuoted(in.line(Integer.MAX_VALUE - 16)));
            case Opcodes.BINSTRING -> push(Values.latin1(in.bytes(Values.length(in.s32()))));
            case Opcodes.SHORT_BINSTRING -> push(Values.latin1(in.bytes(in.u8())));
            case Opcodes.UNICODE -> push(TextOpcodes.parseRawUnicode(in.line(Integer.MAX_VALUE - 16)));
            case Opcodes.BINUNICODE -> push(in.utf8(in.u32()));
            case Opcodes.SHORT_BINUNICODE -> push(in.utf8(in.u8()));
            case Opcodes.BINUNICODE8 -> push(in.utf8(in.u64Length()));
            case Opcodes.BINBYTES -> push(in.bytes(in.u32()));
            case Opcodes.SHORT_BINBYTES -> push(in.bytes(in.u8()));
            case Opcodes.BINBYTES8, Opcodes.BYTEARRAY8 -> push(in.bytes(in.u64Length()));
            case Opcodes.EMPTY_TUPLE -> push(PyTuple.of());
            case Opcodes.TUPLE -> push(PyTuple.wrap(popMark().toArray()));
            case Opcodes.TUPLE1 -> push(PyTuple.wrap(new Object[] {pop()}));
            case Opcodes.TUPLE2 -> {
                Object b = pop();
                push(PyTuple.wrap(new Object[] {pop(), b}));
            }
            case Opcodes.TUPLE3 -> {
                Object c = pop();
                Object b = pop();
                push(PyTuple.wrap(new Object[] {pop(), b, c}));
            }
            case Opcodes.EMPTY_LIST -> push(new PyList());
            case Opcodes.LIST -> {
                List<Object> items = popMark();
                PyList l = new PyList(items.size());
                l.addAll(items);
                push(l);
            }
            case Opcodes.APPEND -> append(Values.single(pop()));
            case Opcodes.APPENDS -> append(popMark());
            case Opcodes.EMPTY_DICT -> push(new PyDict());
            case Opcodes.DICT -> {
                PyDict d = new PyDict();
                Values.setItems(d, popMark());
                push(d);
            }
            case Opcodes.SETITEM -> {
                Object v = pop();
                Object k = pop();
                Values.setItems(peek(), Values.pairOf(k, v));
            }
            case Opcodes.SETITEMS -> {
                List<Object> items = popMark();
                Values.setItems(peek(), items);
            }
            case Opcodes.EMPTY_SET -> push(new PySet(false));
            case Opcodes.ADDITEMS -> {
                List<Object> items = popMark();
                if (!(peek() instanceof PySet s) || s.frozen()) {
                    throw new PickleException("ADDITEMS on " + PyObjects.typeName(peek()));
                }
                s.addAll(items);
            }
            case Opcodes.FROZENSET -> {
                PySet s = new PySet(true);
                s.addAll(popMark());
                push(s);
            }
            case Opcodes.GET -> push(memoGet(Values.parseIndex(in.line(20))));
            case Opcodes.BINGET -> push(memoGet(in.u8()));
            case Opcodes.LONG_BINGET -> push(memoGet(in.u32()));
            case Opcodes.PUT -> memoPut(Values.parseIndex(in.line(20)), peek());
            case Opcodes.BINPUT -> memoPut(in.u8(), peek());
            case Opcodes.LONG_BINPUT -> memoPut(in.u32(), peek());
            case Opcodes.MEMOIZE -> memoPut(memo.size(), peek());
            case Opcodes.GLOBAL -> {
                String module = in.line(1024);
                String name = in.line(1024);
                push(allowlist.resolve(module, name));
            }
            case Opcodes.STACK_GLOBAL -> {
                Object name = pop();
                Object module = pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw new PickleException("STACK_GLOBAL at byte " + at + " needs two strings");
                }
                push(allowlist.resolve(m, n));
            }
            case Opcodes.REDUCE -> {
                Object args = pop();
                Object callable = pop();
                push(call(callable, asArgs(args, "REDUCE")));
            }
            case Opcodes.NEWOBJ -> {
                Object args = pop();
                Object cls = pop();
                push(call(cls, asArgs(args, "NEWOBJ")));
            }
            case Opcodes.NEWOBJ_EX -> {
                pop();
                Object args = pop();
                Object cls = pop();
                push(call(cls, asArgs(args, "NEWOBJ_EX")));
            }
            case Opcodes.OBJ -> {
                List<Object> items = popMark();
                if (items.isEmpty()) {
                    throw new PickleException("OBJ at byte " + at + " without a class");
                }
                push(call(
                        items.get(0),
                        PyTuple.wrap(items.subList(1, items.size()).toArray())));
            }
            case Opcodes.INST -> {
                Object cls = allowlist.resolve(in.line(1024), in.line(1024));
                push(call(cls, PyTuple.wrap(popMark().toArray())));
            }
            case Opcodes.BUILD -> build(pop(), peek());
            case Opcodes.READONLY_BUFFER -> peek();
            case Opcodes.NEXT_BUFFER ->
                throw new PickleException(
                        "out-of-band buffers (protocol 5 NEXT_BUFFER) are not supported: the pickle needs buffers passed beside it");
            case Opcodes.PERSID, Opcodes.BINPERSID ->
                throw new PickleException("persistent ids (opcode " + Opcodes.name(op) + ") are not supported");
            case Opcodes.EXT1, Opcodes.EXT2, Opcodes.EXT4 ->
                throw new PickleException(
                        "copyreg extension codes (opcode " + Opcodes.name(op) + ") are not supported");
            default ->
                throw new PickleException(String.format(
                        "invalid pickle opcode 0x%02x at byte %d (not a pickle, or a corrupt one)", op, at));
        }
    }

    private Object decodeLong(int n) {
        if (n < 0 || n > 1 << 16) {
            throw new PickleException("LONG of " + n + " bytes is refused (limit 65536)");
        }
        byte[] le = in.bytes(n);
        if (n == 0) {
            return 0L;
        }
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[i] = le[n - 1 - i];
        }
        BigInteger v = new BigInteger(be);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private void push(Object o) {
        if (stack.size() >= limits.maxStack()) {
            throw new PickleException("pickle stack exceeds " + limits.maxStack() + " values");
        }
        stack.add(o);
    }

    private Object pop() {
        int floor = markCount > 0 ? marks[markCount - 1] : 0;
        if (stack.size() <= floor) {
            throw new PickleException("pickle stack underflow at byte " + (in.position() - 1));
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek() {
        int floor = markCount > 0 ? marks[markCount - 1] : 0;
        if (stack.size() <= floor) {
            throw new PickleException("pickle stack underflow at byte " + (in.position() - 1));
        }
        return stack.get(stack.size() - 1);
    }

    private void pushMark() {
        if (markCount >= limits.maxMarks()) {
            throw new PickleException("pickle has more than " + limits.maxMarks() + " open MARKs (nesting too deep)");
        }
        if (markCount == marks.length) {
            marks = java.util.Arrays.copyOf(marks, marks.length * 2);
        }
        marks[markCount++] = stack.size();
    }

    private List<Object> popMark() {
        if (markCount == 0) {
            throw new PickleException("MARK expected but none is open at byte " + (in.position() - 1));
        }
        int m = marks[--markCount];
        List<Object> sub = stack.subList(m, stack.size());
        List<Object> items = new ArrayList<>(sub);
        sub.clear();
        return items;
    }

    private Object memoGet(long index) {
        Object v = memo.get(index);
        if (v == null && !memo.containsKey(index)) {
            throw new PickleException("memo key " + index + " is not defined (byte " + in.position() + ")");
        }
        return v;
    }

    private void memoPut(long index, Object value) {
        if (memo.size() >= limits.maxMemo() && !memo.containsKey(index)) {
            throw new PickleException("pickle memo exceeds " + limits.maxMemo() + " entries");
        }
        memo.put(index, value);
    }

    private void append(List<Object> items) {
        Values.append(peek(), items);
    }

    private static PyTuple asArgs(Object args, String op) {
        if (args instanceof PyTuple t) {
            return t;
        }
        throw new PickleException(op + " arguments are not a tuple but " + PyObjects.typeName(args));
    }

    private Object call(Object callable, PyTuple args) {
        if (callable instanceof PyFunction f) {
            return f.call(args);
        }
        if (callable instanceof PyGlobal cls) {
            return new PyInstance(cls, args);
        }
        throw new PickleException(
                "cannot call a " + PyObjects.typeName(callable) + " (" + PyObjects.describe(callable) + ")");
    }

    private void build(Object state, Object target) {
        if (target instanceof NdArray a) {
            a.setState(state);
        } else if (target instanceof DType d) {
            d.setState(state);
        } else if (target instanceof PyInstance inst) {
            if (joblib && isJoblibWrapper(inst)) {
                inst.setState(state);
                stack.set(stack.size() - 1, JoblibArrays.read(inst, this, limits));
            } else {
                inst.setState(state);
            }
        } else {
            throw new PickleException("BUILD on " + PyObjects.typeName(target) + " is not supported");
        }
    }

    private static boolean isJoblibWrapper(PyInstance inst) {
        return inst.type().module().endsWith("numpy_pickle")
                && inst.type().name().endsWith("ArrayWrapper");
    }
}
