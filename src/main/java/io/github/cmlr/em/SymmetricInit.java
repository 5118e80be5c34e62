package io.github.cmlr.em;

/** The first start of the symmetric model; later starts are random directions. AUTO means spectral. */
public enum SymmetricInit {
    AUTO, SPECTRAL, LSQ, RANDOM;

    /** The kind the first start actually uses. */
    public SymmetricInit resolved() {
        return this == AUTO ? SPECTRAL : this;
    }
}
