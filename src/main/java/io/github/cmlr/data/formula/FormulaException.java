package io.github.cmlr.data.formula;

/** A formula that cannot be parsed or does not fit the data; the message names the place. */
public class FormulaException extends IllegalArgumentException {
    public FormulaException(String message) {
        super(message);
    }
}
