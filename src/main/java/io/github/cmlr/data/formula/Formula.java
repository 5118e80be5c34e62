package io.github.cmlr.data.formula;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A model formula in R's notation, {@code response ~ terms [| group]}, parsed with R's rules: an
 * intercept unless {@code 0 +} or {@code - 1}; {@code a*b} = {@code a + b + a:b}; terms ordered by
 * their order of interaction, then as written; duplicates dropped. Variables are columns,
 * {@code factor(column)}, or numeric expressions ({@code I(...)}, {@code log}, {@code exp},
 * {@code sqrt}). Without a group every row is its own group.
 *
 * @param text      the formula as given
 * @param response  the response expression
 * @param terms     the terms, in model.matrix order (without the intercept)
 * @param intercept whether the model has an intercept
 * @param group     the grouping column, or null
 * @param fixed     the shared terms as given ({@code ~ x3}), or null: then {@code terms} and
 *                  {@code intercept} are those of the formula and the shared terms together
 * @param varying   with shared terms, the formula without them (its terms vary by component); else null
 */
public record Formula(String text, Expr response, List<Term> terms, boolean intercept, String group, String fixed,
                      Formula varying) {
    /**
     * @throws FormulaException when the group is also a variable of the model: a group's rows share
     *                          one latent component, so terms in the group would be confounded with it
     */
    public Formula {
        terms = List.copyOf(terms);
        if ((fixed == null) != (varying == null)) throw new IllegalArgumentException("fixed and varying go together");
        if (group != null && modelColumns(response, terms).contains(group)) {
            throw new FormulaException("formula '" + text + "': the grouping column '" + group + "' (after '|') cannot also be"
                    + " a variable of the model: a group's rows share one latent component, which terms in '" + group
                    + "' could not be told apart from");
        }
    }

    /** The columns the response and the terms read. */
    private static Set<String> modelColumns(Expr response, List<Term> terms) {
        Set<String> out = new LinkedHashSet<>();
        response.columns(out);
        for (Term t : terms) for (Expr v : t.variables()) v.columns(out);
        return out;
    }

    /** A formula without shared terms. */
    public Formula(String text, Expr response, List<Term> terms, boolean intercept, String group) {
        this(text, response, terms, intercept, group, null, null);
    }

    /** Parses {@code text}; a syntax error is a {@link FormulaException} naming the character. */
    public static Formula parse(String text) {
        return new FormulaParser(text).parse();
    }

    /**
     * This formula with terms shared by all components, flexmix's {@code FLXMRglmfix(fixed = ~ ...)}:
     * {@code fixedText} is one-sided ({@code ~ x3 + factor(g)}); its coefficients are the columns
     * of the joint model matrix that this formula's own matrix lacks ({@link FixedTerms}).
     *
     * @throws FormulaException naming the problem (syntax, a response, a term already in the formula)
     */
    public Formula withFixed(String fixedText) {
        if (fixed != null) throw new IllegalStateException("already has shared terms");
        return FixedTerms.combine(this, fixedText);
    }

    /** Checks the syntax of shared terms on their own ({@link #withFixed} checks them against a formula). */
    public static void checkShared(String fixedText) {
        FixedTerms.oneSided(fixedText);
    }

    /** True when some terms are shared by all components. */
    public boolean hasFixed() { return fixed != null; }

    /**
     * Parses a one-sided formula {@code ~ terms} (R's concomitant and model.matrix notation): the
     * response is the constant 1 and there is no group.
     */
    public static Formula parseOneSided(String text) {
        FormulaParser.OneSided o = new FormulaParser(text).parseOneSided();
        return new Formula(text, new Expr.Number(1, "1"), o.terms(), o.literal() != 0, null);
    }

    public boolean grouped() { return group != null; }

    /** The distinct variables of the terms, in order of first appearance. */
    public List<Expr> variables() {
        Set<Expr> out = new LinkedHashSet<>();
        for (Term t : terms) out.addAll(t.variables());
        return List.copyOf(out);
    }

    /** Every column the model reads (response, terms, group): a row missing one of them is incomplete. */
    public Set<String> columns() {
        Set<String> out = new LinkedHashSet<>();
        response.columns(out);
        for (Expr v : variables()) v.columns(out);
        if (group != null) out.add(group);
        return out;
    }

    /**
     * Columns whose type decides their coding: a bare column is a factor when it is not numeric,
     * and factor(column) takes the column's distinct values as levels.
     */
    public Set<String> categoricalCandidates() {
        Set<String> out = new LinkedHashSet<>();
        for (Expr v : variables()) {
            if (v instanceof Expr.Column c) out.add(c.name());
            if (v instanceof Expr.Call c && c.function().equals("factor")) c.arg().columns(out);
        }
        return out;
    }

    /** The columns inside factor(...). */
    public Set<String> factorCalls() {
        Set<String> out = new LinkedHashSet<>();
        for (Expr v : variables()) if (v instanceof Expr.Call c && c.function().equals("factor")) c.arg().columns(out);
        return out;
    }

    @Override
    public String toString() { return text; }
}
