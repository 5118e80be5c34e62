package io.github.cmlr.predict;

import io.github.cmlr.data.ConcomitantColumns;
import io.github.cmlr.data.KeptColumns;
import io.github.cmlr.data.NodeIndex;
import io.github.cmlr.util.CmlrException;
import io.github.cmlr.util.ExitCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** New nodes' concomitant covariates: read per row, one value per node required, then their z rows. */
final class NewConcomitant {
    private NewConcomitant() {}

    /** The kept columns asked for, then the concomitant model's columns not among them. */
    static List<String> withColumns(List<String> keep, FittedConcomitant c) {
        List<String> all = new ArrayList<>(keep);
        for (String column : c.design().columns()) if (!all.contains(column)) all.add(column);
        return all;
    }

    /**
     * The z rows of the nodes (nodes x terms) from the rows' kept text.
     *
     * @throws CmlrException DATA_FORMAT when a column's value changes within a node, is missing,
     *                       or is a level the fit did not see
     */
    static double[] rows(FittedConcomitant c, KeptColumns kept, int[] rowNode, NodeIndex nodes, String file) {
        ConcomitantColumns design = c.design();
        Map<String, String[]> values = new LinkedHashMap<>();
        for (String column : design.columns()) values.put(column, perNode(column, kept, rowNode, nodes, file));
        List<String> names = new ArrayList<>(nodes.size());
        for (int j = 0; j < nodes.size(); j++) names.add("node '" + nodes.id(j) + "' (first seen on line " + nodes.firstLine(j) + ")");
        return design.rows(values, names, file);
    }

    private static String[] perNode(String column, KeptColumns kept, int[] rowNode, NodeIndex nodes, String file) {
        int c = kept.names().indexOf(column);
        String[] v = new String[nodes.size()];
        for (int r = 0; r < rowNode.length; r++) {
            int j = rowNode[r];
            String text = kept.value(r, c).trim();
            if (v[j] == null) {
                v[j] = text;
            } else if (!v[j].equals(text)) {
                throw new CmlrException(ExitCode.DATA_FORMAT, file + ": data row " + kept.dataRow(r) + ", column '" + column
                        + "' (--concomitant): '" + text + "' differs from '" + v[j] + "' of node '" + nodes.id(j)
                        + "' (first seen on line " + nodes.firstLine(j) + "); a concomitant covariate must hold one value per node");
            }
        }
        return v;
    }
}
