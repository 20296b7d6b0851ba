package org.t37gw.ccapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.t37gw.dialpeer.DialPeerTable;

class ApplicationRegistryTest {

    @TempDir
    Path dir;

    @Test
    void findsByConfigName() {
        RecordingApplication on = new RecordingApplication("fax_on_vfc_onramp_app");
        RecordingApplication off = new RecordingApplication("fax_on_vfc_offramp_app");
        ApplicationRegistry r = new ApplicationRegistry(List.of(on, off));
        assertEquals(Optional.of(on), r.find("fax_on_vfc_onramp_app"));
        assertTrue(r.find("FAX_ON_VFC_ONRAMP_APP").isEmpty(), "names are exact, as IOS application names");
        assertTrue(r.find(null).isEmpty());
        assertEquals(List.of("fax_on_vfc_onramp_app", "fax_on_vfc_offramp_app"), r.names());
    }

    @Test
    void refusesDuplicateAndBlankNames() {
        assertThrows(IllegalArgumentException.class, () -> new ApplicationRegistry(List.of(
                new RecordingApplication("a"), new RecordingApplication("a"))));
        assertThrows(IllegalArgumentException.class, () -> new ApplicationRegistry(List.of(
                new RecordingApplication(" "))));
    }

    @Test
    void serviceLoaderFindsProviders() throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(Application.class.getName()),
                "# a comment\n" + LoaderTestApplication.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                getClass().getClassLoader())) {
            ApplicationRegistry r = ApplicationRegistry.load(loader);
            assertEquals(List.of("loader_test_app"), r.names());
            assertTrue(r.find("loader_test_app").orElseThrow() instanceof LoaderTestApplication);
        }
    }

    @Test
    void startsInOrderStopsInReverse() {
        List<String> order = new ArrayList<>();
        class Ordered extends RecordingApplication {
            Ordered(String n) {
                super(n);
            }

            @Override
            public void start(ApplicationContext c) {
                order.add("start " + name);
            }

            @Override
            public void stop() {
                order.add("stop " + name);
            }
        }
        ApplicationRegistry r = new ApplicationRegistry(List.of(new Ordered("a"), new Ordered("b"), new Ordered("c")));
        r.startAll(context());
        r.stopAll();
        r.stopAll(); // a second stop does nothing
        assertEquals(List.of("start a", "start b", "start c", "stop c", "stop b", "stop a"), order);
    }

    @Test
    void failedStartStopsTheOnesStarted() {
        RecordingApplication a = new RecordingApplication("a");
        RecordingApplication bad = new RecordingApplication("bad") {
            @Override
            public void start(ApplicationContext c) {
                throw new IllegalStateException("no modem");
            }
        };
        RecordingApplication c = new RecordingApplication("c");
        ApplicationRegistry r = new ApplicationRegistry(List.of(a, bad, c));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.startAll(context()));
        assertTrue(e.getMessage().contains("bad"));
        assertEquals(List.of("start", "stop"), a.log);
        assertEquals(List.of(), c.log);
    }

    private static ApplicationContext context() {
        CallManager cm = new CallManager(Clock.systemUTC(), new ApplicationRegistry(List.of()), CdrSink.NONE, 1);
        return new ApplicationContext() {
            @Override
            public CallManager callManager() {
                return cm;
            }

            @Override
            public DialPeerTable dialPeers() {
                return DialPeerTable.empty();
            }

            @Override
            public Clock clock() {
                return cm.clock();
            }

            @Override
            public <T> Optional<T> service(Class<T> type) {
                return Optional.empty();
            }
        };
    }
}
