package io.github.cmlr.em.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Bootstrap against analytic standard errors of the same fit, coefficient by coefficient. The
 * analytic errors (observed information) assume that the rows of a node are independent given its
 * component; the bootstrap over nodes does not. When the bootstrap's errors are more than
 * {@link #FACTOR} times the analytic ones the likely cause is correlation within groups that the
 * model does not capture; when they are less than 1/FACTOR of them, a small number of nodes or
 * replicates (the bootstrap's own error) is the usual cause.
 */
public final class ErrorComparison {
    /** Ratios beyond this factor either way are reported. */
    public static final double FACTOR = 2.0;

    private ErrorComparison() {}

    /**
     * @param names coefficient names, in the order of each component's beta
     * @return warnings, empty when every ratio lies within [1/FACTOR, FACTOR] or a side is unavailable
     */
    public static List<String> compare(StandardErrors bootstrap, StandardErrors analytic, List<String> names) {
        List<String> out = new ArrayList<>();
        if (bootstrap == null || analytic == null || !bootstrap.available() || !analytic.available()) return out;
        int d = names.size();
        int shared = analytic.layout().sharedColumns();
        List<Integer> above = new ArrayList<>();
        List<Integer> below = new ArrayList<>();
        int total = 0;
        for (int i = 0; i < bootstrap.beta().length; i++) {
            if (i >= d && i % d < shared) continue; // a shared coefficient is one parameter, counted with component 1
            total++;
            double r = ratio(bootstrap, analytic, i);
            if (r > FACTOR) above.add(i);
            else if (r < 1 / FACTOR) below.add(i);
        }
        if (!above.isEmpty()) {
            out.add("bootstrap standard errors exceed the analytic ones more than " + FACTOR + "x for " + above.size() + " of "
                    + total + " coefficients (" + worst(above, bootstrap, analytic, names, d, true) + "): the likely cause is"
                    + " correlation within groups that the model does not capture (rows of a node are not independent given"
                    + " its component, e.g. a node-level random effect or serial correlation); the analytic errors assume that"
                    + " independence and the node bootstrap does not, so trust the bootstrap errors or model the correlation");
        }
        if (!below.isEmpty()) {
            out.add("bootstrap standard errors are below 1/" + FACTOR + " of the analytic ones for " + below.size() + " of "
                    + total + " coefficients (" + worst(below, bootstrap, analytic, names, d, false) + "): with few nodes or"
                    + " replicates the bootstrap's own error is large; rerun with more replicates before trusting either");
        }
        return out;
    }

    private static double ratio(StandardErrors b, StandardErrors a, int i) {
        return a.beta()[i] > 0 ? b.beta()[i] / a.beta()[i] : Double.NaN;
    }

    /** The most extreme coefficient of the list, named. */
    private static String worst(List<Integer> idx, StandardErrors b, StandardErrors a, List<String> names, int d,
                                boolean largest) {
        int w = idx.get(0);
        for (int i : idx) if (largest ? ratio(b, a, i) > ratio(b, a, w) : ratio(b, a, i) < ratio(b, a, w)) w = i;
        String which = w % d < a.layout().sharedColumns() ? "shared" : "component " + (w / d + 1);
        return String.format(Locale.ROOT, "most: %s %s, %.2fx: %.4g bootstrap vs %.4g analytic", which,
                names.get(w % d), ratio(b, a, w), b.beta()[w], a.beta()[w]);
    }
}
