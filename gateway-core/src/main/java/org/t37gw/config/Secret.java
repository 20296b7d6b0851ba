package org.t37gw.config;

import java.util.Objects;

/** A password from the config: {@link #toString()} prints {@code [hidden]}, only {@link #reveal()} gives it. */
public final class Secret {
    /** What a secret prints as, in logs and in {@link GatewayConfig#render()}. */
    public static final String HIDDEN = "[hidden]";

    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The secret itself, for the code that uses it (SMTP AUTH); never log it. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return HIDDEN;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
