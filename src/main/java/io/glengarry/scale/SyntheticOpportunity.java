package io.glengarry.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One generated opportunity and its life: the field-history rows from creation to close (stage advances,
 * close dates pushed into later quarters, the odd regression, amount edits), cut at the drop's end.
 */
final class SyntheticOpportunity {
    /** One opportunity_history row. */
    record Change(long at, int stage, long amountCents, long closeDay, String forecastCategory) {
    }

    final String id;
    final int account;
    final long created;
    final String currency;
    final String owner;
    final String territory;
    final String salesChannel;
    final String partnerId;
    final String leadSource;
    final String campaignId;
    int stage;
    long amountCents;
    long closeDay;
    String forecastCategory;
    long lastModified;

    SyntheticOpportunity(String id, int account, long created, String currency, String owner, String territory,
                         String salesChannel, String partnerId, String leadSource, String campaignId,
                         long amountCents) {
        this.id = id;
        this.account = account;
        this.created = created;
        this.currency = currency;
        this.owner = owner;
        this.territory = territory;
        this.salesChannel = salesChannel;
        this.partnerId = partnerId;
        this.leadSource = leadSource;
        this.campaignId = campaignId;
        this.amountCents = amountCents;
    }

    boolean isClosed() {
        return stage >= Vocabulary.WON;
    }

    boolean isWon() {
        return stage == Vocabulary.WON;
    }

    /**
     * Plans the whole life from creation and returns the changes up to {@code endSecond}; the opportunity's
     * current fields are left at the last of them (open when the close falls after the drop).
     */
    List<Change> live(SplittableRandom rng, long endSecond, long amountStep) {
        long initialClose = created / 86400 + 30 + rng.nextInt(240);
        int pushes = rng.nextInt(100) < 20 ? 1 + rng.nextInt(4) : 0;
        boolean win = rng.nextInt(100) < 42;
        List<Integer> steps = new ArrayList<>();
        int last = win ? 4 : rng.nextInt(5);
        for (int s = 1; s <= last; s++) {
            if (s == last || rng.nextInt(100) < 80) {
                steps.add(s);
            }
        }
        if (steps.size() >= 3 && rng.nextInt(100) < 6) { // a regression: one stage back, then on again
            int at = 1 + rng.nextInt(steps.size() - 1);
            steps.add(at, Math.max(0, steps.get(at - 1) - 1));
        }
        steps.add(win ? Vocabulary.WON : Vocabulary.LOST);
        double[] stageFracs = sortedFractions(rng, steps.size() - 1);
        double[] pushFracs = sortedFractions(rng, pushes);
        long[] pushDays = new long[pushes];
        long finalClose = initialClose;
        for (int p = 0; p < pushes; p++) {
            pushDays[p] = 85 + rng.nextInt(40);
            finalClose += pushDays[p];
        }
        long closeEvent = finalClose * 86400 + 9 * 3600 + rng.nextInt(9 * 3600);
        if (rng.nextInt(100) < 3) {
            closeEvent += (8 + rng.nextInt(13)) * 86400L; // entered late
        }
        long span = Math.max(3600, finalClose * 86400 - created);
        List<Change> changes = new ArrayList<>();
        stage = 0;
        closeDay = initialClose;
        forecastCategory = Vocabulary.FORECAST[0];
        changes.add(new Change(created, stage, amountCents, closeDay, forecastCategory));
        int si = 0;
        int pi = 0;
        while (si < stageFracs.length || pi < pushes) {
            boolean push = pi < pushes && (si >= stageFracs.length || pushFracs[pi] < stageFracs[si]);
            long at = created + (long) (span * (push ? pushFracs[pi] : stageFracs[si]));
            if (push) {
                closeDay += pushDays[pi++];
            } else {
                stage = steps.get(si++);
                if (rng.nextInt(100) < 15) {
                    amountCents = Math.max(amountStep, amountCents * (80 + rng.nextInt(41)) / 100
                            / amountStep * amountStep);
                }
                forecastCategory = stage == 3 && rng.nextInt(100) < 15 ? "commit" : Vocabulary.FORECAST[stage];
            }
            if (at > endSecond) {
                return finish(changes, rng, endSecond);
            }
            changes.add(new Change(Math.max(at, changes.get(changes.size() - 1).at() + 60), stage, amountCents,
                    closeDay, forecastCategory));
        }
        int finalStage = steps.get(steps.size() - 1);
        if (closeEvent <= endSecond) {
            stage = finalStage;
            closeDay = finalClose;
            forecastCategory = Vocabulary.FORECAST[stage];
            changes.add(new Change(Math.max(closeEvent, changes.get(changes.size() - 1).at() + 60), stage,
                    amountCents, closeDay, forecastCategory));
        }
        return finish(changes, rng, endSecond);
    }

    private List<Change> finish(List<Change> changes, SplittableRandom rng, long endSecond) {
        Change lastChange = changes.get(changes.size() - 1);
        stage = lastChange.stage();
        amountCents = lastChange.amountCents();
        closeDay = lastChange.closeDay();
        forecastCategory = lastChange.forecastCategory();
        long edit = rng.nextInt(100) < 25 ? rng.nextInt(5 * 86400) : 0;
        lastModified = Math.min(endSecond, lastChange.at() + edit);
        return changes;
    }

    /** One night's change to an open opportunity at {@code at}: a step on, a push, a regression or the close. */
    Change change(SplittableRandom rng, long at, long nightDay, long amountStep) {
        int r = rng.nextInt(100);
        if (stage == 4 && r < 60 || closeDay < nightDay && r < 50) {
            stage = rng.nextInt(100) < 45 ? Vocabulary.WON : Vocabulary.LOST;
            closeDay = nightDay;
        } else if (r < 60) {
            stage = Math.min(4, stage + 1);
        } else if (r < 85) {
            closeDay = Math.max(closeDay, nightDay) + 85 + rng.nextInt(40);
        } else if (stage >= 2) {
            stage--;
        } else {
            amountCents = Math.max(amountStep, amountCents * 110 / 100 / amountStep * amountStep);
        }
        forecastCategory = Vocabulary.FORECAST[stage];
        lastModified = at;
        return new Change(at, stage, amountCents, closeDay, forecastCategory);
    }

    private static double[] sortedFractions(SplittableRandom rng, int n) {
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = 0.02 + 0.93 * rng.nextDouble();
        }
        java.util.Arrays.sort(f);
        return f;
    }
}
