package io.glengarry.ingest;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/** A whole drop, read and checked, nothing written yet. */
public record DropIntake(Path dropDir, LocalDate runDate, List<ExtractIntake> extracts, List<String> unknownFiles) {

    public List<Extract> missingExtracts() {
        return java.util.Arrays.stream(Extract.values())
                .filter(e -> extracts.stream().noneMatch(i -> i.extract() == e))
                .toList();
    }
}
