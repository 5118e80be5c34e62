package io.github.cmlr.data;

/** Turns the tokenizer's current record into a node, a response and a design row. */
interface RecordParser {
    /** The record's node (0-based, in order of first appearance), or -1 when the row is dropped for a missing cell. */
    int parse();

    double y();

    /** The design row; reused for the next record. */
    double[] x();
}
