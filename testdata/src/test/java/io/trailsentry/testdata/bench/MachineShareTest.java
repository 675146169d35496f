package io.trailsentry.testdata.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MachineShareTest {
    @Test
    void busyTicksCountEverythingButIdleAndIowait() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        assertThat(MachineShare.busyTicks("cpu  100 2 30 5000 70 4 5 6 50 1")).isEqualTo(147);
        // an older kernel's line with fewer fields
        assertThat(MachineShare.busyTicks("cpu 10 0 5 900 3")).isEqualTo(15);
        assertThat(MachineShare.busyTicks("cpu0 10 0 5 900 3 0 0 0")).isEqualTo(-1);
        assertThat(MachineShare.busyTicks("intr 1 2 3")).isEqualTo(-1);
    }

    @Test
    void aBusyNeighbourMakesTheRateALowerBound() {
        assertThat(new MachineShare.Shares(1, 1.86, 0.03).describe())
                .isEqualTo("this JVM 1.86 cores, others 0.03");
        assertThat(new MachineShare.Shares(1, 1.04, 0.96).describe())
                .isEqualTo("this JVM 1.04 cores, others 0.96 (machine shared: a lower bound)");
        assertThat(new MachineShare.Shares(1, 1.5, Double.NaN).describe())
                .isEqualTo("this JVM 1.50 cores");
    }

    @Test
    void thePipelineBenchmarkSaysWhetherAnyCountedRunWasShared() {
        List<PipelineBenchmark.Run> runs = new ArrayList<>();
        PipelineBenchmark.Run quiet = new PipelineBenchmark.Run();
        quiet.cores = new MachineShare.Shares(1, 1.9, 0.05);
        runs.add(quiet);
        assertThat(PipelineBenchmark.sharedMachine(runs)).startsWith("machine: quiet");
        PipelineBenchmark.Run shared = new PipelineBenchmark.Run();
        shared.cores = new MachineShare.Shares(1, 1.1, 0.9);
        runs.add(shared);
        assertThat(PipelineBenchmark.sharedMachine(runs))
                .startsWith("machine: SHARED, other processes took up to 0.90 cores");
        assertThat(PipelineBenchmark.sharedMachine(List.of(new PipelineBenchmark.Run())))
                .contains("unknown");
    }

    @Test
    void onLinuxAMeasurementSeesThisJvmsOwnWork() throws Exception {
        MachineShare share = MachineShare.start();
        long until = System.nanoTime() + 300_000_000L;
        long x = 0;
        while (System.nanoTime() < until) {
            x += Long.numberOfTrailingZeros(x + System.nanoTime());
        }
        MachineShare.Shares s = share.now();
        assertThat(x).isNotNegative();
        assertThat(s.jvm()).isPositive(); // a thread spun for the whole interval
        if (MachineShare.machineBusyTicks() >= 0) {
            assertThat(s.others).isGreaterThanOrEqualTo(0);
        }
    }
}
