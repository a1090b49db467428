package dev.slipway.serving.pack;

import dev.slipway.model.Model;
import dev.slipway.model.NamedModelFactory;
import dev.slipway.model.Payload;

/** For the packed server's tests: a runtime whose every prediction overflows its stack (a misbehaving neighbour). */
public final class ThrowingModelFactory extends NamedModelFactory {

    /** Its runtime name. */
    public static final String NAME = "THROWING_TEST_SERVER";

    public ThrowingModelFactory() {
        super(NAME, Overflowing::new);
    }

    private static final class Overflowing implements Model {
        @Override
        public Payload predict(Payload input) {
            return recurse(input, 0);
        }

        private Payload recurse(Payload input, int depth) {
            return depth < 0 ? input : recurse(input, depth + 1);
        }
    }
}
