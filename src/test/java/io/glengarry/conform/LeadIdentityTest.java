package io.glengarry.conform;

import io.glengarry.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lead identity resolved night after night from the previous night's answer (LeadIdentity.update) equals the
 * identity resolved from all leads (LeadIdentity.resolve): changes that join two persons (a shared email, a merge
 * pointer), that split one (the bridging lead deleted or its email changed), a merge pointing at a lead that
 * arrives later, and random nights of all of these.
 */
class LeadIdentityTest {
    private static final StructType LEADS = new StructType()
            .add("lead_id", DataTypes.StringType, false)
            .add("created_at", DataTypes.TimestampType, false)
            .add("email", DataTypes.StringType)
            .add("merged_into_lead_id", DataTypes.StringType);

    /** A lead as the test holds it: created_at as hours after a fixed instant. */
    private record Lead(String id, int createdHour, String email, String mergedInto) {
    }

    @Test
    void handPickedChangesJoinAndSplitPersons() {
        Map<String, Lead> night1 = leads(
                new Lead("L1", 1, "ann@x.com", null),
                new Lead("L2", 2, " ANN@x.com ", null),      // same person as L1 by email
                new Lead("L3", 3, "bob@x.com", "L2"),        // merged into L2: same person as L1
                new Lead("L4", 4, "cy@x.com", null),
                new Lead("L5", 5, "dee@x.com", "L9"),        // points at a lead not delivered yet
                new Lead("L6", 6, "", null),
                new Lead("L7", 7, "eve@x.com", null));
        Dataset<Row> identity1 = LeadIdentity.resolve(frame(night1));
        assertThat(persons(identity1)).containsEntry("L3", "L1").containsEntry("L4", "L4").containsEntry("L5", "L5");

        Map<String, Lead> night2 = new TreeMap<>(night1);
        night2.remove("L2");                                         // the bridge between L1 and L3 goes
        night2.put("L4", new Lead("L4", 4, "eve@x.com", null));      // joins L7 by email
        night2.put("L9", new Lead("L9", 0, "fay@x.com", null));      // arrives: L5 joins it, L9 survives (older)
        night2.put("L8", new Lead("L8", 8, null, "L6"));             // new, merged into L6
        Dataset<Row> identity2 = assertUpdateEqualsResolve(night2, Set.of("L2", "L4", "L9", "L8"), identity1);
        assertThat(persons(identity2)).containsEntry("L1", "L1").containsEntry("L3", "L3")
                .containsEntry("L7", "L4").containsEntry("L5", "L9").containsEntry("L8", "L6")
                .doesNotContainKey("L2");

        Map<String, Lead> night3 = new TreeMap<>(night2);
        night3.put("L3", new Lead("L3", 3, "ann@x.com", null));      // back with L1 by email, merge pointer gone
        Dataset<Row> identity3 = assertUpdateEqualsResolve(night3, Set.of("L3"), identity2);
        assertThat(persons(identity3)).containsEntry("L3", "L1");
        // a night that changed no lead: the previous answer
        assertThat(rows(assertUpdateEqualsResolve(night3, Set.of(), identity3))).isEqualTo(rows(identity3));
    }

    @Test
    void aMergeLoserExportedDeletedCountsForItsSurvivorsPersonAndAPersonOfDeletedLeadsAloneLeaves() {
        Map<String, Lead> leads = leads(
                new Lead("L1", 5, "ann@x.com", null),
                new Lead("L2", 1, "ann.old@x.com", "L1"),    // the merge loser, deleted, created earlier
                new Lead("L3", 2, "bob@x.com", "L9"),        // deleted, merged into L9, itself deleted
                new Lead("L9", 1, "bob@x.com", null),        // (L9 too is only here because of its email)
                new Lead("L4", 3, "cy@x.com", null));
        Set<String> deleted = Set.of("L2", "L3", "L9");
        List<Row> flags = new ArrayList<>();
        leads.keySet().forEach(id -> flags.add(RowFactory.create(id, deleted.contains(id))));
        Dataset<Row> deletedFlags = TestSpark.get().createDataFrame(flags, new StructType()
                .add("lead_id", DataTypes.StringType).add("is_deleted", DataTypes.BooleanType));

        Dataset<Row> identity = LeadIdentity.withALivingLead(LeadIdentity.resolve(frame(leads)), deletedFlags);

        // L2 is older than L1: the person is dated, and named, by it
        assertThat(persons(identity)).containsOnlyKeys("L1", "L2", "L4").containsEntry("L1", "L2")
                .containsEntry("L2", "L2").containsEntry("L4", "L4");
        assertThat(identity.filter("lead_id = 'L1'").select(LeadIdentity.PERSON_CREATED_AT).first().getTimestamp(0))
                .isEqualTo(new Timestamp(1_700_000_000_000L + 3_600_000L));
    }

    @Test
    void randomNightsResolvedFromThePreviousNightEqualAFullResolve() {
        Random random = new Random(20261204);
        Map<String, Lead> leads = new TreeMap<>();
        for (int i = 0; i < 400; i++) {
            String id = String.format("L%04d", i);
            leads.put(id, randomLead(random, id, 1000));
        }
        Dataset<Row> identity = LeadIdentity.resolve(frame(leads));
        int nextId = 400;
        for (int night = 0; night < 2; night++) {
            Map<String, Lead> tonight = new TreeMap<>(leads);
            Set<String> changed = new TreeSet<>();
            List<String> ids = new ArrayList<>(leads.keySet());
            for (int change = 0; change < 25; change++) {
                String id = ids.get(random.nextInt(ids.size()));
                changed.add(id);
                if (random.nextInt(5) == 0) {
                    tonight.remove(id);
                } else {
                    tonight.put(id, randomLead(random, id, 1000));
                }
            }
            for (int added = 0; added < 15; added++) {
                String id = String.format("L%04d", nextId++);
                changed.add(id);
                tonight.put(id, randomLead(random, id, 1000));
            }
            identity = assertUpdateEqualsResolve(tonight, changed, identity);
            leads = tonight;
        }
    }

    /** Emails from a small pool (so groups form), a tenth blank or missing; a fifth merged into another lead. */
    private static Lead randomLead(Random random, String id, int idRange) {
        int e = random.nextInt(300);
        String email = e < 20 ? null : e < 30 ? " " : "p" + e + "@x.com";
        String mergedInto = random.nextInt(5) == 0 ? String.format("L%04d", random.nextInt(idRange / 2)) : null;
        return new Lead(id, random.nextInt(50), email, mergedInto);
    }

    private static Dataset<Row> assertUpdateEqualsResolve(Map<String, Lead> leads, Set<String> changed,
                                                          Dataset<Row> previous) {
        SparkSession spark = TestSpark.get();
        List<Row> changedRows = changed.stream().map(id -> RowFactory.create(id)).toList();
        Dataset<Row> changedIds = spark.createDataFrame(changedRows,
                new StructType().add("lead_id", DataTypes.StringType, false));
        Dataset<Row> updated = LeadIdentity.update(frame(leads), changedIds, previous).localCheckpoint();
        Dataset<Row> resolved = LeadIdentity.resolve(frame(leads));
        assertThat(rows(updated)).isEqualTo(rows(resolved)).hasSize(leads.size());
        return updated;
    }

    private static Map<String, Lead> leads(Lead... leads) {
        Map<String, Lead> byId = new TreeMap<>();
        for (Lead l : leads) {
            byId.put(l.id(), l);
        }
        return byId;
    }

    private static Dataset<Row> frame(Map<String, Lead> leads) {
        List<Row> rows = new ArrayList<>();
        for (Lead l : leads.values()) {
            rows.add(RowFactory.create(l.id(), new Timestamp(1_700_000_000_000L + l.createdHour() * 3_600_000L),
                    l.email(), l.mergedInto()));
        }
        return TestSpark.get().createDataFrame(rows, LEADS);
    }

    /** lead_id -> person_id. */
    private static Map<String, String> persons(Dataset<Row> identity) {
        Map<String, String> persons = new TreeMap<>();
        for (Row r : identity.collectAsList()) {
            persons.put(r.getAs("lead_id"), r.getAs(LeadIdentity.PERSON_ID));
        }
        return persons;
    }

    /** Every row as text, ordered by lead_id: lead_id, person_id, person_created_at. */
    private static List<String> rows(Dataset<Row> identity) {
        return identity.orderBy("lead_id").collectAsList().stream()
                .map(r -> r.getAs("lead_id") + " " + r.getAs(LeadIdentity.PERSON_ID) + " "
                        + r.getAs(LeadIdentity.PERSON_CREATED_AT))
                .toList();
    }
}
