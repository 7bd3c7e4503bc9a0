package org.civicpulse.ingestion.simulator;

/**
 * The simulator's random numbers: SplitMix64, written out here so that a seed gives the same
 * numbers on every JDK (java.util.SplittableRandom does not promise its algorithm). Not thread-safe;
 * every stream of the simulation has its own instance, seeded from the run's seed and the stream's
 * name and day via {@link #hash}, so streams do not disturb each other.
 */
final class SimRandom {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long state;

    SimRandom(long seed) {
        this.state = seed;
    }

    /** A generator for one stream: {@code hash(seed, name, index)}. */
    static SimRandom of(long seed, String name, long index) {
        return new SimRandom(hash(hash(seed, name), index));
    }

    /** The SplitMix64 finaliser (a strong 64-bit mixer). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A stable 64-bit hash of a seed and a string (FNV-1a over the chars, then mixed). */
    static long hash(long seed, String s) {
        long h = 0xCBF29CE484222325L ^ mix(seed + GOLDEN);
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001B3L;
        }
        return mix(h);
    }

    static long hash(long seed, long value) {
        return mix(mix(seed + GOLDEN) ^ (value * GOLDEN + 0x632BE59BD9B4E019L));
    }

    /** A fraction in [0, 1) from a seed and a key: stable per-entity traits. */
    static double unit(long seed, String key) {
        return (hash(seed, key) >>> 11) * 0x1.0p-53;
    }

    /** A standard normal value from a seed and a key (Box–Muller over two hashes). */
    static double gaussian(long seed, String key) {
        double u1 = ((hash(seed, key + "#1") >>> 11) + 1) * 0x1.0p-53;
        double u2 = (hash(seed, key + "#2") >>> 11) * 0x1.0p-53;
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [a, b). */
    double uniform(double a, double b) {
        return a + (b - a) * nextDouble();
    }

    /** Uniform in [0, bound). */
    int nextInt(int bound) {
        return (int) ((nextLong() >>> 33) * bound >>> 31);
    }

    /** True with probability p. */
    boolean chance(double p) {
        return nextDouble() < p;
    }

    /** Standard normal (Box–Muller, one value per call). */
    double gaussian() {
        double u1 = nextDouble();
        double u2 = nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Exponential with the given mean. */
    double exponential(double mean) {
        return -mean * Math.log(1 - nextDouble());
    }

    /** Poisson-distributed count (Knuth below 30, a rounded normal above). */
    int poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean < 30) {
            double l = Math.exp(-mean);
            int k = 0;
            double p = 1;
            do {
                k++;
                p *= nextDouble();
            } while (p > l);
            return k - 1;
        }
        return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * gaussian()));
    }

    /** An index drawn from cumulative weights {@code cum} (last element = total). */
    int pick(double[] cum) {
        double x = nextDouble() * cum[cum.length - 1];
        int lo = 0;
        int hi = cum.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cum[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
