package org.distriplace.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.distriplace.edge.EdgeSettings;
import org.distriplace.edge.history.HistoryService;
import org.distriplace.edge.sql.PgDatabase;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code distri-place history-service}: stores the placements log in PostgreSQL, with snapshots. */
@Command(name = "history-service", header = "Store every placement from Kafka in PostgreSQL, with snapshots.",
    mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Seed 2's History Service: consumes the placements topic into",
        "PostgreSQL's pixel_events table (each placement once, whatever is",
        "replayed) and snapshots the canvas every 30 s; edges answer",
        "/api/v1/history/* and timelapses from them. While PostgreSQL is down it",
        "waits; the history catches up from Kafka when it is back. One is",
        "enough per canvas; a second waits its turn harmlessly.",
        "",
    })
public final class HistoryServiceCommand implements Callable<Integer> {

    @CommandLine.Mixin
    BackendOptions backends = new BackendOptions();

    /** Not used here (the history service signs nothing): accepted so one edge.conf serves edges and this alike. */
    @CommandLine.Mixin
    SecretOptions secrets = new SecretOptions();

    @Option(names = "--config", paramLabel = "FILE", description = "Settings for every option above, one "
        + "key = value a line (the edge.conf `stack up` writes); options given here and DISTRI_PLACE_* environment "
        + "variables win over it.")
    Path config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommandLine command = spec.commandLine();
        EdgeSettings settings = backends.settings(command, System.getenv(), false);
        try (Foreground life = Foreground.untilStopped();
             PgDatabase database = new PgDatabase(settings, 2);
             HistoryService service = new HistoryService(settings, database).start()) {
            command.getOut().printf("history service: storing %s into %s (schema %s)%n", settings.topic(),
                settings.postgres(), settings.schema());
            command.getOut().flush();
            life.await();
        }
        return 0;
    }
}
