package com.example.northwind.testsupport;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Headless Chromium driven through chromedriver's plain W3C WebDriver HTTP API: no Selenium, no browser download.
 * Tests call {@link #available()} first and are skipped with a clear message when the machine has no browser
 * ({@code apt-get install -y chromium chromium-driver}; .ci/run installs it).
 */
public final class HeadlessChromium implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final Process driver;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Path profile;

    private HeadlessChromium(Process driver, String base, Path profile) {
        this.driver = driver;
        this.base = base;
        this.profile = profile;
    }

    public static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    public static HeadlessChromium start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Process driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String base = "http://127.0.0.1:" + port;
        Path profile = Files.createTempDirectory("explorer-chromium");
        HeadlessChromium browser = new HeadlessChromium(driver, base, profile);
        try {
            browser.waitForDriver();
            Map<?, ?> session = browser.call("POST", "/session", Map.of("capabilities", Map.of("alwaysMatch", Map.of(
                    "browserName", "chrome",
                    "goog:chromeOptions", Map.of("binary", CHROMIUM.toString(), "args", List.of(
                            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync",
                            "--no-first-run", "--window-size=1500,1300", "--user-data-dir=" + profile))))));
            browser.session = "/session/" + ((Map<?, ?>) session.get("value")).get("sessionId");
            return browser;
        } catch (IOException | RuntimeException e) {
            browser.close();
            throw e;
        }
    }

    private String session;

    public void open(String url) throws IOException, InterruptedException {
        call("POST", session + "/url", Map.of("url", url));
    }

    /** Runs JavaScript in the page and answers its return value (strings, numbers, booleans, lists, maps). */
    public Object script(String body, Object... args) throws IOException, InterruptedException {
        return call("POST", session + "/execute/sync", Map.of("script", body, "args", List.of(args))).get("value");
    }

    /** Types into the element found by the CSS selector, after clearing it (real key events). */
    public void type(String css, String text) throws IOException, InterruptedException {
        String id = find(css);
        call("POST", session + "/element/" + id + "/clear", Map.of());
        call("POST", session + "/element/" + id + "/value", Map.of("text", text));
    }

    public void click(String css) throws IOException, InterruptedException {
        call("POST", session + "/element/" + find(css) + "/click", Map.of());
    }

    /** Polls the JavaScript condition until it is truthy or the timeout passes. */
    public boolean waitFor(String condition, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(script("return !!(" + condition + ");"))) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    public void screenshot(Path file) throws IOException, InterruptedException {
        Object png = call("GET", session + "/screenshot", null).get("value");
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(png.toString()));
    }

    private String find(String css) throws IOException, InterruptedException {
        Map<?, ?> value = (Map<?, ?>) call("POST", session + "/element", Map.of("using", "css selector", "value", css)).get("value");
        // A W3C element reference is a one-entry object {"element-6066-…": id}.
        return String.valueOf(value.values().iterator().next());
    }

    private void waitForDriver() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                call("GET", "/status", null);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("chromedriver did not start: " + e.getMessage(), e);
                }
                Thread.sleep(100);
            }
        }
    }

    private Map<?, ?> call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.std.asBytes(body)))
                        .header("Content-Type", "application/json");
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<?, ?> answer = (Map<?, ?>) JSON.std.anyFrom(response.body());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("WebDriver " + method + " " + path + " failed: " + response.body());
        }
        return answer;
    }

    @Override
    public void close() {
        try {
            if (session != null) {
                call("DELETE", session, null);
            }
        } catch (IOException | RuntimeException e) {
            // The browser is going away with the driver anyway.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        driver.destroy();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp profile is harmless.
        }
    }
}
