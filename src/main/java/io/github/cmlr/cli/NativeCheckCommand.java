package io.github.cmlr.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.cmlr.gpu.NativeCheck;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cmlr native-check}: the GPU stack stage by stage, one verdict line, an exit code per failing stage. */
@Command(name = "native-check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Checks the GPU stack stage by stage: kernels, driver and CUDA version, JCuda natives, GPUs, CUDA libraries,"
            + " kernel module, cuBLAS, cuRAND, a tiny GPU-vs-CPU fit; then one verdict line.",
            "Exit codes: 0 ok, 20 kernels not built, 21 no NVIDIA driver (no GPU), 22 JCuda natives do not load,"
            + " 23 no CUDA device, 24 kernel module does not load, 25 cuBLAS (with --strict), 26 cuRAND (with --strict),"
            + " 27 tiny fit disagrees with the CPU."})
public final class NativeCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the stages as JSON.")
    boolean json;

    @Option(names = "--strict", description = "Fail when cuBLAS or cuRAND is missing (default: report the own-kernel fallback).")
    boolean strict;

    @Override
    public Integer call() throws Exception {
        NativeCheck.Report report = new NativeCheck(strict).run();
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? toJson(report) : toText(report));
        out.flush();
        return report.exitCode();
    }

    static String toText(NativeCheck.Report r) {
        StringBuilder b = new StringBuilder();
        for (NativeCheck.Result s : r.results()) {
            b.append(String.format("[%-8s] %-15s %s%n", s.status(), s.stage().id, s.detail()));
        }
        b.append(r.verdict()).append('\n');
        return b.toString();
    }

    static String toJson(NativeCheck.Report r) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("verdict", r.verdict());
        root.put("exitCode", r.exitCode());
        root.put("gpu", r.gpuPresent());
        ArrayNode stages = root.putArray("stages");
        for (NativeCheck.Result s : r.results()) {
            ObjectNode o = stages.addObject();
            o.put("stage", s.stage().id);
            o.put("title", s.stage().title);
            o.put("status", s.status());
            o.put("detail", s.detail());
            o.put("exitCodeIfFailed", s.stage().exitCode);
        }
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }
}
