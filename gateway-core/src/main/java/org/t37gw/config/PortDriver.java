package org.t37gw.config;

import java.util.Objects;

/** The one {@code driver ...} line of a {@code voice-port}: how the port reaches a fax line. */
public sealed interface PortDriver {

    /** The driver line as written in the config, normalised (for {@link GatewayConfig#render()}). */
    String render();

    /** The driver kind as the config names it: class1, class2, class2.0, t38, loopback, jni. */
    default String kind() {
        if (this instanceof Class1) {
            return "class1";
        } else if (this instanceof Class2) {
            return "class2";
        } else if (this instanceof Class20) {
            return "class2.0";
        } else if (this instanceof T38) {
            return "t38";
        } else if (this instanceof Loopback) {
            return "loopback";
        }
        return "jni";
    }

    /** The number presented as called number for calls arriving on this port, or {@code null}. */
    default String calledNumber() {
        return null;
    }

    /** {@code driver class1 DEVICE}: an EIA-578 Class 1 fax modem on a serial device. */
    record Class1(String device) implements PortDriver {
        public Class1 {
            Objects.requireNonNull(device, "device");
        }

        @Override
        public String render() {
            return "driver class1 " + device;
        }
    }

    /** {@code driver class2 DEVICE}: an EIA-592 Class 2 fax modem. */
    record Class2(String device) implements PortDriver {
        public Class2 {
            Objects.requireNonNull(device, "device");
        }

        @Override
        public String render() {
            return "driver class2 " + device;
        }
    }

    /** {@code driver class2.0 DEVICE}: an ITU-T T.32 Class 2.0 fax modem. */
    record Class20(String device) implements PortDriver {
        public Class20 {
            Objects.requireNonNull(device, "device");
        }

        @Override
        public String render() {
            return "driver class2.0 " + device;
        }
    }

    /**
     * {@code driver t38 local HOST:PORT remote HOST:PORT [called-number N]}: one T.38 (UDPTL) channel to a
     * fixed peer; packets arriving while idle are an incoming call for {@code calledNumber}.
     */
    record T38(HostPort local, HostPort remote, String calledNumber) implements PortDriver {
        public T38 {
            Objects.requireNonNull(local, "local");
            Objects.requireNonNull(remote, "remote");
        }

        @Override
        public String render() {
            return "driver t38 local " + local + " remote " + remote
                    + (calledNumber == null ? "" : " called-number " + calledNumber);
        }
    }

    /**
     * {@code driver loopback PEER [called-number N]}: an in-JVM line to another of the gateway's voice-ports
     * (which names this one back). A call placed on one rings the other; {@code calledNumber}, when set,
     * is presented instead of the dialed digits.
     */
    record Loopback(String peerPort, String calledNumber) implements PortDriver {
        public Loopback {
            Objects.requireNonNull(peerPort, "peerPort");
        }

        @Override
        public String render() {
            return "driver loopback " + peerPort + (calledNumber == null ? "" : " called-number " + calledNumber);
        }
    }

    /** {@code driver jni LIBRARY [channel N]}: a DSP board through a native library. */
    record Jni(String library, int channel) implements PortDriver {
        public Jni {
            Objects.requireNonNull(library, "library");
        }

        @Override
        public String render() {
            return "driver jni " + library + " channel " + channel;
        }
    }
}
