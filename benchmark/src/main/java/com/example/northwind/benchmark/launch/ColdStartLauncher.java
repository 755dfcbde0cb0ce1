package com.example.northwind.benchmark.launch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;

/**
 * Runs in a fresh JVM beside a Lambda jar: constructs the handler (the Lambda "init" phase), invokes it once
 * with the first event, and prints {@code ANSWERED <initMs> <invokeMs> <answer head>} at once — before touching
 * any management bean, so a -Xlog:class+load count up to that line is what the handler needed. With
 * {@code --heap} it then invokes every event {@value #WARMUP_ROUNDS} times, runs a full GC and prints the used heap.
 * JDK classes only, so the launcher adds almost nothing to what the measured jar loads.
 *
 * <p>Usage: {@code java -cp <lambda.jar>:<launcher.jar> ColdStartLauncher [--heap] <handler class> <event json>...}
 */
public final class ColdStartLauncher {
    static final int WARMUP_ROUNDS = 50;

    private ColdStartLauncher() {
    }

    public static void main(String[] args) throws Exception {
        int a = 0;
        boolean heap = args[a].equals("--heap");
        if (heap) {
            a++;
        }
        long start = System.nanoTime();
        Class<?> handlerClass = Class.forName(args[a]);
        Object handler = handlerClass.getDeclaredConstructor().newInstance();
        long init = System.nanoTime();
        Class<?> contextClass = Class.forName("com.amazonaws.services.lambda.runtime.Context");
        Method handle = handlerClass.getMethod("handleRequest", InputStream.class, OutputStream.class, contextClass);
        Object context = fakeContext(contextClass);
        String answer = invoke(handle, handler, args[a + 1], context);
        long invoked = System.nanoTime();
        System.out.println("ANSWERED " + (init - start) / 1e6 + " " + (invoked - init) / 1e6 + " "
                + answer.substring(0, Math.min(160, answer.length())).replace('\n', ' '));
        System.out.flush();
        if (heap) {
            for (int r = 0; r < WARMUP_ROUNDS; r++) {
                for (int i = a + 1; i < args.length; i++) {
                    invoke(handle, handler, args[i], context);
                }
            }
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            System.out.println("HEAP " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        System.out.println("UPTIME " + ManagementFactory.getRuntimeMXBean().getUptime());
    }

    private static String invoke(Method handle, Object handler, String event, Object context) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handle.invoke(handler, new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A Context whose getters return harmless defaults (request id, remaining time, a stderr logger). */
    private static Object fakeContext(Class<?> contextClass) {
        return Proxy.newProxyInstance(contextClass.getClassLoader(), new Class<?>[] {contextClass}, (proxy, m, args) -> {
            Class<?> type = m.getReturnType();
            if (type == String.class) {
                return "cold-start-benchmark";
            }
            if (type == int.class) {
                return 60_000;
            }
            if (type.isInterface()) {
                return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p2, m2, args2) -> {
                    if (args2 != null && args2.length > 0 && args2[0] instanceof String s) {
                        System.err.println(s);
                    }
                    return null;
                });
            }
            return null;
        });
    }
}
