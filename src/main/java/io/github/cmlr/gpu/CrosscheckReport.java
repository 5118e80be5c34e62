package io.github.cmlr.gpu;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cmlr.model.SyntheticSpec;
import java.util.List;
import java.util.Locale;

/** The cross-check's report: a table with one verdict line, or JSON. */
public final class CrosscheckReport {
    private CrosscheckReport() {}

    public static String text(SyntheticSpec s, String candidate, List<Comparison> rows) {
        StringBuilder b = new StringBuilder();
        b.append("crosscheck: cpu (reference) vs ").append(candidate).append('\n');
        b.append("dataset: ").append(s).append('\n');
        b.append(String.format(Locale.ROOT, "%-34s %-40s %12s %12s %10s  %s%n", "scope", "quantity", "max |diff|", "scaled",
                "tolerance", "ok"));
        for (Comparison c : rows) {
            b.append(String.format(Locale.ROOT, "%-34s %-40s %12.3e %12.3e %10.1e  %s%n", c.scope(), c.quantity(), c.maxAbs(),
                    c.scaled(), c.tolerance(), c.passed() ? "ok" : "EXCEEDED"));
        }
        long failed = rows.stream().filter(c -> !c.passed()).count();
        b.append(failed == 0 ? "verdict: PASS, all " + rows.size() + " comparisons within tolerance\n"
                : "verdict: FAIL, " + failed + " of " + rows.size() + " comparisons exceed their tolerance\n");
        return b.toString();
    }

    public static String json(SyntheticSpec s, String candidate, List<Comparison> rows) throws com.fasterxml.jackson.core.JsonProcessingException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("reference", "cpu");
        root.put("candidate", candidate);
        root.put("dataset", s.toString());
        root.put("passed", Crosscheck.allPassed(rows));
        ArrayNode arr = root.putArray("comparisons");
        for (Comparison c : rows) {
            ObjectNode o = arr.addObject();
            o.put("scope", c.scope());
            o.put("quantity", c.quantity());
            o.put("maxAbs", c.maxAbs());
            o.put("scaled", c.scaled());
            o.put("tolerance", c.tolerance());
            o.put("passed", c.passed());
        }
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }
}
