package io.github.cmlr.data.formula;

import java.util.List;
import java.util.stream.Collectors;

/** One term of a formula: a variable, or an interaction of variables (in their formula order). */
public record Term(List<Expr> variables) {
    public Term {
        variables = List.copyOf(variables);
    }

    /** R's term label, e.g. {@code x:g}. */
    public String label() {
        return variables.stream().map(Expr::deparse).collect(Collectors.joining(":"));
    }

    public int order() { return variables.size(); }
}
