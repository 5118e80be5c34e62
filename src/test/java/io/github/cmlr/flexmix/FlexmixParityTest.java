package io.github.cmlr.flexmix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cmlr.backend.UnitOps;
import io.github.cmlr.cpu.CpuBackend;
import io.github.cmlr.em.MixtureOptions;
import io.github.cmlr.em.MultiStart;
import io.github.cmlr.em.StoppingRule;
import io.github.cmlr.em.inference.LabelAlignment;
import io.github.cmlr.em.inference.ParameterLayout;
import io.github.cmlr.em.inference.StandardErrors;
import io.github.cmlr.model.MixtureParams;
import io.github.cmlr.model.NodeStats;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** cmlr against R flexmix on the committed fixtures (see make-fixtures.R next to them). */
class FlexmixParityTest {

    static List<String> fixtures() {
        return FlexmixFixture.NAMES;
    }

    private static MultiStart.Result fit(FlexmixFixture f, NodeStats stats) {
        MixtureOptions options = MixtureOptions.defaults().withSharedVariance(f.sharedVariance);
        StoppingRule rule = new StoppingRule(5000, 1e-12, 1e-14, Double.NaN);
        try (CpuBackend cpu = new CpuBackend(2); UnitOps units = cpu.nodeUnits(stats)) {
            return MultiStart.fit(units, stats, f.components, 10, 17L, options, rule);
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void logLikAtLeastFlexmixAndEstimatesAndErrorsAgree(String name) {
        FlexmixFixture f = FlexmixFixture.load(name);
        NodeStats stats = f.stats();
        MultiStart.Result r = fit(f, stats);
        double ll = r.best().logLik();
        assertTrue(ll >= f.flexmixLogLik - 1e-6 * Math.abs(f.flexmixLogLik), name + ": cmlr " + ll + " < flexmix " + f.flexmixLogLik);
        assertEquals(f.components, r.best().params().components(), name + ": components kept");

        MixtureParams ours = LabelAlignment.align(r.best().params(), f.flexmixMl);
        MixtureParams ref = f.flexmixMl;
        for (int k = 0; k < f.components; k++) {
            for (int i = 0; i < f.dim(); i++) {
                assertEquals(ref.beta(k, i), ours.beta(k, i), 1e-4 * (1 + Math.abs(ref.beta(k, i))), name + " beta " + k + "," + i);
            }
            // flexmix reports sqrt(sum w r^2 / mean(w) / (N - rank)); sigmaML undoes that factor
            assertEquals(Math.sqrt(ref.sigma2(k)), Math.sqrt(ours.sigma2(k)), 1e-4 * Math.sqrt(ref.sigma2(k)), name + " sigma " + k);
            assertEquals(ref.weight(k), ours.weight(k), 1e-4, name + " weight " + k);
        }

        ParameterLayout layout = new ParameterLayout(f.components, f.dim(), f.sharedVariance, false, false);
        StandardErrors se = StandardErrors.analytic(stats, ours, layout, null, 2);
        assertTrue(se.available(), se.warnings().toString());
        for (int i = 0; i < layout.size(); i++) {
            double mine = Math.sqrt(se.covariance()[i * layout.size() + i]);
            double rel = Math.abs(mine - f.refitSe[i]) / f.refitSe[i];
            assertTrue(rel < 0.10, name + " " + layout.names().get(i) + ": cmlr " + mine + " vs flexmix refit " + f.refitSe[i]);
        }
    }
}
