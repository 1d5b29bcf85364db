package io.glengarry.conform;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

/**
 * Lead identity (METRICS.md): leads are the same person when {@code lower(trim(email))} is equal, or when one
 * names the other in {@code merged_into_lead_id} — transitively. The survivor is the earliest created lead of the
 * group (ties: the smaller lead_id); its {@code created_at} dates the person. Found by label propagation: every
 * lead starts labelled with itself and takes the smallest label among its email group and merge neighbours until
 * nothing changes. Each round is one small action (the change count); chains longer than the round limit fail
 * loudly instead of giving a half-resolved answer.
 *
 * <p>A night resolves only what its changes can reach ({@link #update}): a person is a connected group, so a
 * group none of whose leads changed, and that no changed lead now joins, keeps its person unchanged.
 */
public final class LeadIdentity {
    public static final String PERSON_ID = "person_id";
    public static final String PERSON_CREATED_AT = "person_created_at";
    static final int MAX_ROUNDS = 32;

    private LeadIdentity() {
    }

    /** lead_id -> person_id, person_created_at for every current lead (merged-away deleted leads included). */
    public static Dataset<Row> resolve(Dataset<Row> leads) {
        return propagate(nodes(leads));
    }

    /**
     * The same answer as {@link #resolve} on {@code leads}, from the identity resolved before the changes: only the
     * leads the changes can reach are resolved again. Those are the changed leads (new, modified, deleted), their
     * neighbours now (the leads sharing a changed lead's email, pointing at a changed lead by merged_into_lead_id,
     * or pointed at by one) and every lead of those leads' persons before (a change can split a person as well as
     * join two). Every other lead keeps its person: its group's leads and edges are all unchanged, and no changed
     * lead touches it.
     *
     * @param leads    the current leads (not deleted): lead_id, created_at, email, merged_into_lead_id
     * @param changed  lead_id of every lead whose version changed since {@code previous} was resolved, deleted
     *                 ones included (a superset is safe: it only resolves more)
     * @param previous lead_id, person_id, person_created_at as resolved before the changes
     */
    public static Dataset<Row> update(Dataset<Row> leads, Dataset<Row> changed, Dataset<Row> previous) {
        Dataset<Row> nodes = nodes(leads);
        // the small sets are materialised: each is used several times, and recomputing one rescans every lead
        Dataset<Row> changedIds = changed.select(col("lead_id").as("c_lead_id")).distinct().localCheckpoint();
        Dataset<Row> changedNodes = nodes.join(broadcast(changedIds), col("lead_id").equalTo(col("c_lead_id")),
                "left_semi").localCheckpoint();
        Dataset<Row> changedEmails = changedNodes.filter(col("email_key").isNotNull())
                .select(col("email_key").as("e_email_key")).distinct();
        Dataset<Row> neighbours = nodes // one pass: sharing a changed lead's email or pointing at a changed lead
                .join(broadcast(changedEmails), col("email_key").equalTo(col("e_email_key")), "left")
                .join(broadcast(changedIds.select(col("c_lead_id").as("m_lead_id"))),
                        col("merged_into_lead_id").equalTo(col("m_lead_id")), "left")
                .filter(col("e_email_key").isNotNull().or(col("m_lead_id").isNotNull()))
                .select("lead_id");
        Dataset<Row> reached = changedIds.select(col("c_lead_id").as("lead_id"))
                .union(neighbours)
                .union(changedNodes.filter(col("merged_into_lead_id").isNotNull())
                        .select(col("merged_into_lead_id").as("lead_id")))
                .distinct().localCheckpoint();
        Dataset<Row> persons = previous.join(broadcast(reached), "lead_id").select(col(PERSON_ID).as("r_person_id"))
                .distinct();
        Dataset<Row> affected = reached
                .union(previous.join(broadcast(persons), col(PERSON_ID).equalTo(col("r_person_id")), "left_semi")
                        .select("lead_id"))
                .distinct().withColumnRenamed("lead_id", "a_lead_id").localCheckpoint();
        Dataset<Row> kept = previous.join(broadcast(affected), col("lead_id").equalTo(col("a_lead_id")), "left_anti")
                .select(col("lead_id"), col(PERSON_ID), col(PERSON_CREATED_AT));
        Dataset<Row> resolvedAgain = propagate(nodes.join(broadcast(affected),
                col("lead_id").equalTo(col("a_lead_id")), "left_semi"));
        return kept.unionByName(resolvedAgain);
    }

    /**
     * The identity of the persons that have a lead that is not deleted. A deleted lead merged into another (kept in
     * the current state for identity) counts for its survivor's person; a person made of such leads alone - the
     * survivor deleted too, or never delivered - has left (EXTRACTS.md: only a deleted lead without a survivor
     * leaves), and so have its leads.
     *
     * @param identity lead_id, person_id, person_created_at
     * @param leads    the current leads: lead_id, is_deleted
     */
    public static Dataset<Row> withALivingLead(Dataset<Row> identity, Dataset<Row> leads) {
        Dataset<Row> living = leads.filter(CurrentState.notDeleted())
                .select(col("lead_id").as("l_lead_id"));
        Dataset<Row> livingPersons = identity.join(living, col("lead_id").equalTo(col("l_lead_id")), "left_semi")
                .select(col(PERSON_ID).as("l_person_id")).distinct();
        return identity.join(livingPersons, col(PERSON_ID).equalTo(col("l_person_id")), "left_semi");
    }

    private static Dataset<Row> nodes(Dataset<Row> leads) {
        return leads.select(col("lead_id"), col("created_at"),
                when(trim(col("email")).notEqual(""), lower(trim(col("email")))).as("email_key"),
                col("merged_into_lead_id"));
    }

    private static Dataset<Row> propagate(Dataset<Row> nodes) {
        Dataset<Row> edges = nodes.filter(col("merged_into_lead_id").isNotNull())
                .select(col("lead_id").as("a"), col("merged_into_lead_id").as("b"));
        Dataset<Row> undirected = edges.union(edges.select(col("b").as("a"), col("a").as("b")));
        Dataset<Row> labels = nodes.select(col("lead_id"), col("email_key"),
                struct(col("created_at"), col("lead_id")).as("label")).localCheckpoint();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Dataset<Row> byEmail = labels.filter(col("email_key").isNotNull()).groupBy(col("email_key").as("e_key"))
                    .agg(min("label").as("email_label"));
            Dataset<Row> byMerge = undirected.join(labels.select(col("lead_id").as("b"), col("label").as("nl")), "b")
                    .groupBy("a").agg(min("nl").as("merge_label"));
            Dataset<Row> next = labels
                    .join(byEmail, col("email_key").equalTo(col("e_key")), "left")
                    .join(byMerge, col("lead_id").equalTo(col("a")), "left")
                    .select(col("lead_id"), col("email_key"), col("label").as("old"),
                            least(col("label"), col("email_label"), col("merge_label")).as("label"))
                    .localCheckpoint();
            long changed = next.filter(col("old").notEqual(col("label"))).count();
            labels = next.drop("old");
            if (changed == 0) {
                return labels.select(col("lead_id"), col("label.lead_id").as(PERSON_ID),
                        col("label.created_at").as(PERSON_CREATED_AT));
            }
        }
        throw new IllegalStateException("Lead identity did not settle in " + MAX_ROUNDS
                + " rounds: a merge chain is longer than that. Check merged_into_lead_id for cycles of records.");
    }
}
