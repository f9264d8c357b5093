/**
 * The task dump MBean that {@code ./asyncio4j ps} and {@code pstree} create in a running JVM
 * ({@link io.asyncio4j.management.TaskDump}). Exported to {@code java.management} only, which creates and calls it.
 */
package io.asyncio4j.management;
