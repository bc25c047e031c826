package dev.sloth.graph;

/** What a node holds instead of a value when its function threw. */
record Failure(Throwable cause) {}
