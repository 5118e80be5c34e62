package io.github.cmlr.bench;

/** One measured number of the benchmark table. */
public record BenchRow(String stage, String case_, double value, String unit, String note) {}
