package io.github.cmlr.data.formula;

import java.util.HashSet;
import java.util.Set;

/**
 * Joins a formula and its shared terms as flexmix does ({@code update(formula, ~ . + fixed)}):
 * the joint formula has the formula's terms and then the shared ones, its intercept unless one
 * of them removes it. The shared terms must add something and must not repeat a term of the
 * formula (flexmix would ignore it silently); a shared intercept is written {@code ~ 1 + ...}
 * with the formula's intercept removed ({@code y ~ 0 + x}).
 */
final class FixedTerms {
    private FixedTerms() {}

    static Formula combine(Formula formula, String fixedText) {
        FormulaParser.OneSided shared = oneSided(fixedText);
        Set<String> own = new HashSet<>();
        for (Term t : formula.terms()) own.add(key(t));
        for (Term t : shared.terms()) {
            if (own.contains(key(t))) throw fail(fixedText, "term " + t.label() + " is already in the formula '" + formula.text() + "'");
        }
        if (shared.literal() == 0) throw fail(fixedText, "shared terms cannot remove the intercept (write 0 + in the formula)");
        if (shared.literal() == 1 && formula.intercept()) {
            throw fail(fixedText, "the intercept varies by component in '" + formula.text()
                    + "'; to share it, remove it there (y ~ 0 + x)");
        }
        if (shared.terms().isEmpty() && shared.literal() != 1) throw fail(fixedText, "no shared terms");
        Formula joint = Formula.parse(jointText(formula.text(), fixedText));
        return new Formula(formula.text(), joint.response(), joint.terms(), joint.intercept(), joint.group(), fixedText.strip(),
                formula);
    }

    static FormulaParser.OneSided oneSided(String text) {
        if (text.strip().isEmpty() || !text.strip().startsWith("~")) {
            throw new FormulaException("shared terms '" + text + "': write them one-sided, as ~ x3 (no response)");
        }
        return new FormulaParser(text).parseOneSided();
    }

    /** {@code lhs ~ (rhs) + (shared) | group}, from the texts as written (quoted names stay quoted). */
    private static String jointText(String formula, String fixedText) {
        int[] at = FormulaParser.split(formula);
        int end = at[1] < 0 ? formula.length() : at[1];
        String rhs = formula.substring(at[0] + 1, end);
        String shared = fixedText.substring(fixedText.indexOf('~') + 1);
        String group = at[1] < 0 ? "" : " " + formula.substring(at[1]);
        return formula.substring(0, at[0]) + "~ (" + rhs + ") + (" + shared + ")" + group;
    }

    /** A term by its set of variables (x:g and g:x are one term). */
    private static String key(Term t) {
        return new java.util.TreeSet<>(t.variables().stream().map(Expr::deparse).toList()).toString();
    }

    private static FormulaException fail(String fixedText, String what) {
        return new FormulaException("shared terms '" + fixedText + "': " + what);
    }
}
