package org.distriplace.app.runtime;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Map;

/**
 * The JVM's metrics under names {@code promtool check metrics} accepts: Micrometer's binders name some in
 * milliseconds or nanoseconds ({@code jvm_compilation_time_ms_total}, {@code process_cpu_time_ns_total}), end a
 * gauge in {@code _count}, and leave Netty's allocator gauges without help text. Those are replaced by meters in
 * base units (seconds) or renamed, and the help text is added.
 */
final class PrometheusNames {

    /** The JIT compilers' working time, in seconds: {@code jvm_compilation_time_seconds_total}. */
    static final String COMPILATION_TIME = "jvm.compilation.time";

    private static final Map<String, String> NETTY_HELP = Map.of(
        "netty.allocator.memory.used", "Bytes Netty's buffer allocator holds, heap or direct",
        "netty.allocator.memory.pinned", "Bytes of Netty's allocator pinned by buffers in use",
        "netty.allocator.pooled.arenas", "Arenas of Netty's pooled allocator",
        "netty.allocator.pooled.cache.size", "Cache sizes of Netty's pooled allocator",
        "netty.allocator.pooled.chunk.size", "Chunk size of Netty's pooled allocator",
        "netty.allocator.pooled.threadlocal.caches", "Thread-local caches of Netty's pooled allocator");

    private PrometheusNames() {
    }

    /** Installs the filter; call before any binder registers a meter. */
    static void install(MeterRegistry registry) {
        registry.config().meterFilter(MeterFilter.deny(id -> id.getName().equals("process.cpu.time")));
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (id.getName().equals("system.cpu.count")) {
                    return id.withName("system.cpus");
                }
                String help = NETTY_HELP.get(id.getName());
                return help != null && id.getDescription() == null
                    ? new Meter.Id(id.getName(), io.micrometer.core.instrument.Tags.of(id.getTagsAsIterable()),
                        id.getBaseUnit(), help, id.getType())
                    : id;
            }
        });
    }

    /** The JIT's time (in place of Micrometer's binder, in ms) and the process's CPU, in seconds. */
    static void bindSecondsMeters(MeterRegistry registry) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit != null && jit.isCompilationTimeMonitoringSupported()) {
            FunctionCounter.builder(COMPILATION_TIME, jit, bean -> bean.getTotalCompilationTime() / 1000.0)
                .baseUnit("seconds").description("Time the JIT compilers spent compiling").register(registry);
        }
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean process) {
            FunctionCounter.builder("process.cpu", process, bean -> bean.getProcessCpuTime() / 1e9)
                .baseUnit("seconds").description("CPU time this process used").register(registry);
        }
    }
}
