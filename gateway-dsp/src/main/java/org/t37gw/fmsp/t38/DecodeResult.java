package org.t37gw.fmsp.t38;

/**
 * What a T.38 decoder makes of some octets: a value, or why the octets are not one. Decoders return this instead of
 * throwing, so garbage from the network is an ordinary outcome.
 *
 * @param <T> the decoded type
 */
public sealed interface DecodeResult<T> {

    /** The octets held a value, which used {@code length} octets. */
    record Ok<T>(T value, int length) implements DecodeResult<T> {
    }

    /** The octets are not a valid encoding; {@code offset} is where the decoder gave up. */
    record Malformed<T>(String reason, int offset) implements DecodeResult<T> {
        @Override
        public String toString() {
            return "malformed at octet " + offset + ": " + reason;
        }
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** The value, or an {@link IllegalStateException} naming the reason; for tests and callers that checked. */
    default T orThrow() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        throw new IllegalStateException(toString());
    }
}
