package io.glengarry.export.summary;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run summary's charts, drawn with JFreeChart on the driver (headless AWT) and returned as PNG bytes. Money
 * stays decimal everywhere else; here it becomes a double only to place a bar, and every label printed on a chart
 * is formatted from the decimal.
 */
public final class SummaryCharts {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    public static final int WIDTH = 1100;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font CELL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Color INK = new Color(0x22, 0x22, 0x22);
    private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);
    /** A colour-blind-safe qualitative palette (Okabe-Ito, then greys) for models and channels. */
    private static final Color[] PALETTE = {new Color(0x00, 0x72, 0xb2), new Color(0xe6, 0x9f, 0x00),
            new Color(0x00, 0x9e, 0x73), new Color(0xcc, 0x79, 0xa7), new Color(0x56, 0xb4, 0xe9),
            new Color(0xd5, 0x5e, 0x00), new Color(0xf0, 0xe4, 0x42), new Color(0x66, 0x66, 0x66),
            new Color(0x99, 0x99, 0x99), new Color(0x33, 0x33, 0x33)};

    /** One heat-map cell: a lead cohort, quarters since the cohort's quarter, the cumulative lead-to-won rate. */
    public record CohortCell(String cohortQuarter, int quartersSince, long cohortLeads, BigDecimal wonRate,
                             boolean mature) {
    }

    /** One funnel stage and how many leads reached it. */
    public record FunnelStage(String stage, long reached) {
    }

    /** A channel's credited revenue under one attribution model. */
    public record ModelCredit(String model, String channel, BigDecimal credited) {
    }

    /** A named money control total. */
    public record ControlTotal(String name, BigDecimal value) {
    }

    private SummaryCharts() {
    }

    /**
     * Cohort quarters down, quarters since the cohort's quarter across; each cell shaded and labelled with the
     * cumulative share of the cohort's leads won by then. Cohorts still maturing are marked with an asterisk.
     */
    public static byte[] cohortHeatmap(List<CohortCell> cells) {
        Map<String, Integer> rowOf = new LinkedHashMap<>();
        List<String> rowLabels = new ArrayList<>();
        int maxSince = 0;
        double maxRate = 0.01;
        for (CohortCell c : cells) {
            if (!rowOf.containsKey(c.cohortQuarter())) {
                rowOf.put(c.cohortQuarter(), rowOf.size());
                rowLabels.add(c.cohortQuarter() + (c.mature() ? "" : " *") + "  (" + c.cohortLeads() + " leads)");
            }
            maxSince = Math.max(maxSince, c.quartersSince());
            maxRate = Math.max(maxRate, c.wonRate().doubleValue());
        }
        double[][] xyz = new double[3][cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            xyz[0][i] = cells.get(i).quartersSince();
            xyz[1][i] = rowOf.get(cells.get(i).cohortQuarter());
            xyz[2][i] = cells.get(i).wonRate().doubleValue();
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries("won_rate", xyz);

        NumberAxis since = new NumberAxis("quarters since the cohort's quarter");
        since.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        since.setRange(-0.5, maxSince + 0.5);
        since.setLowerMargin(0);
        since.setUpperMargin(0);
        SymbolAxis cohorts = new SymbolAxis("lead cohort (created in quarter)", rowLabels.toArray(String[]::new));
        cohorts.setInverted(true);
        cohorts.setGridBandsVisible(false);
        cohorts.setRange(-0.5, Math.max(rowLabels.size(), 1) - 0.5);
        ShadeScale scale = new ShadeScale(maxRate);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(dataset, since, cohorts, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        DecimalFormat percent = percentFormat();
        for (CohortCell c : cells) {
            double rate = c.wonRate().doubleValue();
            XYTextAnnotation label = new XYTextAnnotation(percent.format(c.wonRate().movePointRight(2)) + "%",
                    c.quartersSince(), rowOf.get(c.cohortQuarter()));
            label.setFont(CELL);
            label.setPaint(rate > maxRate * 0.55 ? Color.WHITE : INK);
            plot.addAnnotation(label);
        }
        JFreeChart chart = new JFreeChart("Lead-to-won rate by lead cohort (cumulative, all channels)", TITLE, plot,
                false);
        NumberAxis legendAxis = new NumberAxis("won / cohort leads");
        legendAxis.setRange(0, maxRate);
        legendAxis.setNumberFormatOverride(new DecimalFormat("0.0%", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.TOP_OR_RIGHT);
        legend.setMargin(new RectangleInsets(10, 10, 10, 10));
        legend.setStripWidth(14);
        chart.addSubtitle(legend);
        return png(chart, WIDTH, 110 + 30 * Math.max(rowLabels.size(), 1));
    }

    /** One horizontal bar per stage, labelled with the count and the share of the stage before it. */
    public static byte[] funnel(List<FunnelStage> stages) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        DecimalFormat percent = percentFormat();
        long previous = -1;
        for (FunnelStage s : stages) {
            String share = previous > 0 ? "  (" + percent.format(BigDecimal.valueOf(s.reached()).movePointRight(2)
                    .divide(BigDecimal.valueOf(previous), 1, java.math.RoundingMode.HALF_UP)) + "% of previous)" : "";
            dataset.addValue(s.reached(), "leads", s.stage() + share);
            previous = s.reached();
        }
        JFreeChart chart = barChart("Funnel: leads of every cohort to date reaching each stage", "stage",
                "leads", dataset, PlotOrientation.HORIZONTAL, false);
        BarRenderer renderer = (BarRenderer) chart.getCategoryPlot().getRenderer();
        renderer.setSeriesPaint(0, PALETTE[0]);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}",
                new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT))));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(LABEL);
        renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3,
                TextAnchor.CENTER_LEFT));
        chart.getCategoryPlot().getRangeAxis().setUpperMargin(0.12);
        return png(chart, WIDTH, 320);
    }

    /**
     * Channels across, one bar per model in each: the revenue each model credits to the channel. The caller leaves
     * out the {@code unattributed} channel (the same amount under every model, and often the largest bar).
     */
    public static byte[] attributionByModel(List<ModelCredit> credits, List<String> models, List<String> channels,
                                            String currency) {
        return creditBars(credits, models, channels, currency,
                "Credited revenue by channel under each attribution model (all closed quarters, attributed deals)");
    }

    /**
     * Channels across, a lead-scope and an account-scope bar in each: the revenue one model credits to the channel
     * when a deal's touchpoints are its converted leads' touches, and when they are its buying committee's.
     * {@code credits} carry the scope in place of the model.
     */
    public static byte[] leadVersusAccount(List<ModelCredit> credits, List<String> channels, String model,
                                           String currency) {
        return creditBars(credits, io.glengarry.report.attribution.AttributionScope.ALL, channels, currency,
                "Credited revenue by channel, lead vs account scope (" + model + ", all closed quarters)");
    }

    private static byte[] creditBars(List<ModelCredit> credits, List<String> models, List<String> channels,
                                     String currency, String title) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        Map<String, Map<String, BigDecimal>> byModel = new LinkedHashMap<>();
        for (ModelCredit c : credits) {
            byModel.computeIfAbsent(c.model(), m -> new LinkedHashMap<>()).put(c.channel(), c.credited());
        }
        for (String model : models) {
            for (String channel : channels) {
                BigDecimal credited = byModel.getOrDefault(model, Map.of()).getOrDefault(channel, BigDecimal.ZERO);
                dataset.addValue(credited.doubleValue(), model, channel);
            }
        }
        JFreeChart chart = barChart(title, "channel", "credited revenue (" + currency + ")", dataset,
                PlotOrientation.VERTICAL, true);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setItemMargin(0.02);
        for (int i = 0; i < models.size(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
        return png(chart, WIDTH, 520);
    }

    /**
     * The money control totals side by side: when the night reconciles, the won revenue, the revenue credited
     * under every model and the sales-channel bookings are bars of one length.
     */
    public static byte[] controlTotals(List<ControlTotal> totals, String currency) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (ControlTotal t : totals) {
            dataset.addValue(t.value().doubleValue(), "total", t.name() + "  " + money(t.value()));
        }
        JFreeChart chart = barChart("Control totals (" + currency + ")", "control total",
                "amount (" + currency + ")", dataset, PlotOrientation.HORIZONTAL, false);
        BarRenderer renderer = (BarRenderer) chart.getCategoryPlot().getRenderer();
        renderer.setSeriesPaint(0, PALETTE[2]);
        return png(chart, WIDTH, 90 + 30 * Math.max(totals.size(), 1));
    }

    /** Plain decimal with thousands separators, as printed on the page: 1,234,567.89. */
    static String money(BigDecimal amount) {
        DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setRoundingMode(java.math.RoundingMode.HALF_UP);
        return f.format(amount);
    }

    private static DecimalFormat percentFormat() {
        DecimalFormat f = new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setRoundingMode(java.math.RoundingMode.HALF_UP);
        return f;
    }

    private static JFreeChart barChart(String title, String categoryLabel, String valueLabel,
                                       DefaultCategoryDataset dataset, PlotOrientation orientation, boolean legend) {
        CategoryAxis categories = new CategoryAxis(categoryLabel);
        categories.setTickLabelFont(LABEL);
        NumberAxis values = new NumberAxis(valueLabel);
        values.setNumberFormatOverride(new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        CategoryPlot plot = new CategoryPlot(dataset, categories, values, renderer);
        plot.setOrientation(orientation);
        if (orientation == PlotOrientation.HORIZONTAL) {
            plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
            categories.setMaximumCategoryLabelWidthRatio(0.4f);
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(GRID);
        plot.setOutlineVisible(false);
        JFreeChart chart = new JFreeChart(title, TITLE, plot, legend);
        if (legend) {
            LegendTitle l = chart.getLegend();
            l.setFrame(BlockBorder.NONE);
            l.setItemFont(LABEL);
        }
        return chart;
    }

    private static byte[] png(JFreeChart chart, int width, int height) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot draw the chart " + chart.getTitle().getText(), e);
        }
        return out.toByteArray();
    }

    /** White at 0 to deep blue at the highest rate on the page. */
    static final class ShadeScale implements PaintScale, Serializable {
        private static final Color LOW = new Color(0xf7, 0xfb, 0xff);
        private static final Color HIGH = new Color(0x08, 0x30, 0x6b);
        private final double upper;

        ShadeScale(double upper) {
            this.upper = upper;
        }

        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return upper;
        }

        @Override
        public Paint getPaint(double value) {
            double t = Math.max(0, Math.min(1, value / upper));
            return new Color(mix(LOW.getRed(), HIGH.getRed(), t), mix(LOW.getGreen(), HIGH.getGreen(), t),
                    mix(LOW.getBlue(), HIGH.getBlue(), t));
        }

        private static int mix(int from, int to, double t) {
            return (int) Math.round(from + (to - from) * t);
        }
    }
}
