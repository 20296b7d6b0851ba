package org.t37gw.dmsp.render;

/** Rendering never needs a display: make sure AWT is headless before the first Java2D call. */
final class Headless {

    private Headless() {
    }

    static void ensure() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }
}
