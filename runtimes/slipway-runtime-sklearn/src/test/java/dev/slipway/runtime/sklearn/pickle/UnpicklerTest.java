package dev.slipway.runtime.sklearn.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tests for {@link Unpickler}: each opcode family, and hostile streams that must fail fast. */
class UnpicklerTest {

    private static final Allowlist ALLOW =
            StandardGlobals.builder().allowClass("mod", "Thing").build();

    private static Object load(byte[] b) {
        return Unpickler.load(b, ALLOW, PickleLimits.defaults(), true);
    }

    private static Object load(String hex) {
        return load(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A small builder of pickle bytes. */
    private static final class P {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        P op(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        P text(String s) {
            out.writeBytes(ascii(s));
            return this;
        }

        P shortUnicode(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return op(0x8c, b.length).raw(b);
        }

        P raw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    @Test
    void load_protocol0Scalars_decodesTextOpcodes() {
        Object v = load(ascii("(I42\nI01\nL12345678901234567890L\nF2.5\nS'a\\x41\\n'\nVcaf\\u00e9\nN" + "t."));
        assertThat(v).isInstanceOf(PyTuple.class);
        PyTuple t = (PyTuple) v;
        assertThat(t.items())
                .containsExactly(42L, true, new BigInteger("12345678901234567890"), 2.5, "aA\n", "café", null);
    }

    @Test
    void load_protocol0Containers_buildsListDictAndMemo() {
        Object v = load(ascii("(lp0\nI1\naI2\na(dp1\nS'k'\np2\ng0\nsa."));
        PyList l = (PyList) v;
        assertThat(l).hasSize(3);
        PyDict d = (PyDict) l.get(2);
        assertThat(d.get("k")).isSameAs(l);
    }

    @Test
    void load_binaryIntegersAndFloats_decodeLittleAndBigEndian() {
        Object v = load("80 02 28 4b ff 4d 34 12 4a fe ff ff ff 8a 02 00 80 47 3f f8 00 00 00 00 00 00 88 89 74 2e");
        assertThat(((PyTuple) v).items()).containsExactly(255L, 0x1234L, -2L, -32768L, 1.5, true, false);
    }

    @Test
    void load_protocol4StringsBytesAndSets_decodes() {
        P p = new P()
                .op(0x80, 4, 0x95)
                .raw(new byte[8])
                .op('(')
                .shortUnicode("日本")
                .op('C', 2, 1, 2)
                .op(0x8f, '(')
                .shortUnicode("a")
                .shortUnicode("b")
                .op(0x90)
                .op('(')
                .shortUnicode("z")
                .op(0x91)
                .op('t', '.');
        PyTuple t = (PyTuple) load(p.bytes());
        assertThat(t.get(0)).isEqualTo("日本");
        assertThat((byte[]) t.get(1)).containsExactly(1, 2);
        assertThat((PySet) t.get(2)).containsExactly("a", "b");
        assertThat(((PySet) t.get(3)).frozen()).isTrue();
    }

    @Test
    void load_tuplesAndMemoize_shareObjects() {
        P p = new P().op(0x80, 4).op(']', 0x94).op(0x85, 0x94).op('h', 0).op(0x86, '.');
        PyTuple t = (PyTuple) load(p.bytes());
        assertThat(((PyTuple) t.get(0)).get(0)).isSameAs(t.get(1));
    }

    @Test
    void load_allowedClass_buildsInertInstanceWithState() {
        P p = new P()
                .op(0x80, 4)
                .shortUnicode("mod")
                .shortUnicode("Thing")
                .op(0x93, ')', 0x81, '}')
                .shortUnicode("x")
                .op('K', 7)
                .op('s', 'b', '.');
        PyInstance i = (PyInstance) load(p.bytes());
        assertThat(i.className()).isEqualTo("Thing");
        assertThat(i.attributes().get("x")).isEqualTo(7L);
    }

    @Test
    void load_numpyReconstruct_buildsArray() {
        // _reconstruct(ndarray, (0,), b'b') then BUILD (1, (2,), dtype('<f8'), False, 16 raw bytes)
        P p = new P()
                .op(0x80, 2)
                .text("cnumpy.core.multiarray\n_reconstruct\n")
                .text("cnumpy\nndarray\n")
                .op('K', 0, 0x85)
                .op('C', 1, 'b')
                .op(0x87, 'R')
                .op('(', 'K', 1, 'K', 2, 0x85)
                .text("cnumpy\ndtype\n")
                .shortUnicode("f8")
                .op(0x89, 0x88, 0x87, 'R')
                .op('(', 'K', 3)
                .shortUnicode("<")
                .op('N', 'N', 'N', 'J', 0xff, 0xff, 0xff, 0xff, 'J', 0xff, 0xff, 0xff, 0xff, 'K', 0, 't', 'b')
                .op(0x89, 'C', 16)
                .raw(new byte[] {0, 0, 0, 0, 0, 0, (byte) 0xf0, 0x3f, 0, 0, 0, 0, 0, 0, 0, 0x40})
                .op('t', 'b', '.');
        NdArray a = (NdArray) load(p.bytes());
        assertThat(a.shape()).containsExactly(2);
        assertThat(a.toDoubles()).containsExactly(1.0, 2.0);
    }

    @Test
    void load_refusedGlobal_namesItAndBuildsNothing() {
        for (String g : new String[] {
            "os\nsystem",
            "builtins\neval",
            "subprocess\nPopen",
            "posix\nsystem",
            "builtins\ngetattr",
            "__builtin__\n__import__"
        }) {
            byte[] b = ascii("c" + g + "\n(S'touch /tmp/pwned-test'\ntR.");
            String name = g.replace("\n", ".");
            assertThatThrownBy(() -> load(b))
                    .isInstanceOf(UnsafePickleException.class)
                    .hasMessageContaining("'" + name + "' is not allowed")
                    .satisfies(e ->
                            assertThat(((UnsafePickleException) e).global()).isEqualTo(name));
        }
        assertThat(java.nio.file.Path.of("/tmp/pwned-test")).doesNotExist();
    }

    @Test
    void load_stackGlobalOfRefusedName_isRefused() {
        P p = new P().op(0x80, 4).shortUnicode("nt").shortUnicode("system").op(0x93, '.');
        assertThatThrownBy(() -> load(p.bytes()))
                .isInstanceOf(UnsafePickleException.class)
                .hasMessageContaining("nt.system");
    }

    @Test
    void load_hugeDeclaredString_refusedBeforeAllocating() {
        assertThatThrownBy(() -> load("80 04 8d ff ff ff ff ff ff 00 00 2e"))
                .isInstanceOf(PickleException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> load("80 04 8e ff ff ff ff ff ff ff 7f 2e"))
                .isInstanceOf(PickleException.class)
                .hasMessageContaining("needs");
        assertThatThrownBy(() -> load("80 03 42 ff ff ff 7f 2e")).isInstanceOf(PickleException.class);
    }

    @Test
    void load_joblibArrayClaimingHugeShape_refusedBeforeAllocating() {
        // shape (10**12,) of float64: 8 TB declared, refused from the header
        P ok = new P()
                .op(0x80, 4)
                .shortUnicode("joblib.numpy_pickle")
                .shortUnicode("NumpyArrayWrapper")
                .op(0x93, ')', 0x81)
                .op('}', '(')
                .shortUnicode("shape")
                .op(0x8a, 6, 0, 0x10, 0xa5, 0xd4, 0xe8, 0, 0x85)
                .shortUnicode("order")
                .shortUnicode("C")
                .shortUnicode("dtype")
                .text("cnumpy\ndtype\n")
                .shortUnicode("f8")
                .op(0x89, 0x88, 0x87, 'R')
                .op('u', 'b', '.');
        assertThatThrownBy(() -> load(ok.bytes()))
                .isInstanceOf(PickleException.class)
                .hasMessageContaining("1000000000000 elements exceeds the limit");
    }

    @Test
    void load_deepMarkNesting_refused() {
        byte[] b = new byte[20_002];
        b[0] = (byte) 0x80;
        b[1] = 4;
        java.util.Arrays.fill(b, 2, b.length, (byte) '(');
        assertThatThrownBy(() -> load(b)).isInstanceOf(PickleException.class).hasMessageContaining("open MARKs");
    }

    @Test
    void load_stackAbuse_refusedAtLimit() {
        PickleLimits small = new PickleLimits(1 << 20, 100, 10, 100, 10, 1000, 2);
        byte[] b = new byte[1000];
        java.util.Arrays.fill(b, (byte) 'N');
        assertThatThrownBy(() -> Unpickler.load(b, ALLOW, small, true))
                .isInstanceOf(PickleException.class)
                .hasMessageContaining("stack exceeds 100");
    }

    @Test
    void load_memoAbuse_refusedAtLimit() {
        PickleLimits small = new PickleLimits(1 << 20, 1000, 10, 50, 10, 1000, 2);
        P p = new P().op(0x80, 4).op('N');
        for (int i = 0; i < 60; i++) {
            p.op(0x94);
        }
        assertThatThrownBy(() -> Unpickler.load(p.bytes(), ALLOW, small, true))
                .isInstanceOf(PickleException.class)
                .hasMessageContaining("memo exceeds 50");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "80 04 68 05 2e       | memo key 5 is not defined",
                "''                   | empty",
                "80 04 8c 05 61 62    | truncated",
                "80 04 4e             | truncated",
                "80 04 52 2e          | underflow",
                "80 04 ff             | invalid pickle opcode 0xff",
                "80 09 2e             | protocol 9",
                "80 05 97 2e          | out-of-band",
                "80 02 82 01 2e       | extension",
                "50 31 0a 2e          | persistent", // P1\n.
                "80 04 7d 5d 4e 73 2e | unhashable",
            })
    void load_malformedOrUnsupported_failsNamingTheProblem(String hex, String message) {
        assertThatThrownBy(() -> load(hex)).isInstanceOf(PickleException.class).hasMessageContaining(message);
    }

    @Test
    void describe_selfReferencingList_isBounded() {
        PyList l = (PyList) load(ascii("(lp0\ng0\na."));
        assertThat(l.get(0)).isSameAs(l);
        assertThat(PyObjects.describe(l)).hasSizeLessThan(250);
        assertThat(l.hashCode()).isEqualTo(System.identityHashCode(l));
    }

    private static byte[] nestedBottomUp(int levels) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(0x80);
        o.write(2);
        for (int i = 0; i <= levels; i++) {
            o.write(']');
        }
        for (int i = 0; i < levels; i++) {
            o.write('a');
        }
        o.write('.');
        return o.toByteArray();
    }

    /** Each list is appended to its parent while still empty, then filled through the memo. */
    private static byte[] nestedTopDown(int levels) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(new byte[] {(byte) 0x80, 2, ']', 'r', 0, 0, 0, 0});
        for (int i = 1; i <= levels; i++) {
            o.writeBytes(new byte[] {
                ']', 'r', (byte) i, (byte) (i >> 8), 0, 0, 'a', '0', 'j', (byte) i, (byte) (i >> 8), 0, 0
            });
        }
        o.writeBytes(new byte[] {'0', 'j', 0, 0, 0, 0, '.'});
        return o.toByteArray();
    }

    @Test
    void load_nestingWithinMaxDepth_succeeds() {
        assertThat(load(nestedBottomUp(150))).isInstanceOf(PyList.class);
        assertThat(load(nestedTopDown(150))).isInstanceOf(PyList.class);
    }

    @Test
    void load_nestingBeyondMaxDepth_refused() {
        assertThatThrownBy(() -> load(nestedBottomUp(250)))
                .isInstanceOf(PickleException.class)
                .hasMessageContaining("deeper than 200");
        assertThatThrownBy(() -> load(nestedTopDown(250)))
                .isInstanceOf(PickleException.class)
                .hasMessageContaining("deeper than 200");
    }

    @Test
    void load_selfReferencingList_isNotInfinitelyDeep() {
        // ] r0 h0 a .  — a list that contains itself
        Object v = load(new byte[] {(byte) 0x80, 2, ']', 'r', 0, 0, 0, 0, 'j', 0, 0, 0, 0, 'a', '.'});
        assertThat(v).isInstanceOf(PyList.class);
    }
}
