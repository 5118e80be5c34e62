package io.github.cmlr.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Known-answer vectors of Random123 for Philox4x32-10 (as listed in gpu-stack.md). */
class Philox4x32Test {

    private static int[] run(int[] ctr, int k0, int k1) {
        int[] out = new int[4];
        Philox4x32.block(ctr, k0, k1, out, 0);
        return out;
    }

    @Test
    void zeroCounterZeroKey() {
        assertArrayEquals(new int[] {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}, run(new int[4], 0, 0));
    }

    @Test
    void allOnes() {
        int f = 0xffffffff;
        assertArrayEquals(new int[] {0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}, run(new int[] {f, f, f, f}, f, f));
    }

    @Test
    void piDigits() {
        int[] ctr = {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344};
        assertArrayEquals(new int[] {0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}, run(ctr, 0xa4093822, 0x299f31d0));
    }
}
