package io.glengarry.export.summary;

import java.util.Base64;
import java.util.List;

/**
 * A self-contained HTML page: headings, short texts, tables and PNG images embedded as {@code data:} URIs, one
 * inline style sheet and no script, so it opens offline from a file share or a mail attachment.
 */
final class SummaryPage {
    private static final String STYLE = """
            body{font-family:"DejaVu Sans",Arial,sans-serif;color:#222;margin:24px auto;max-width:1140px;padding:0 12px}
            h1{font-size:26px;margin-bottom:4px}h2{font-size:20px;margin-top:36px;border-bottom:1px solid #ccc}
            p.meta{color:#555;margin-top:0}nav a{margin-right:16px}img{display:block;max-width:100%;height:auto;
            margin:8px 0}table{border-collapse:collapse;margin:8px 0;font-size:13px}th,td{border:1px solid #ddd;
            padding:3px 8px;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}
            thead th{background:#f2f2f2}p.explain{font-size:13px;color:#444}code{background:#f5f5f5;padding:1px 4px}.ok{color:#1a7f37;font-weight:bold}.bad{color:#b42318;font-weight:bold}
            """;

    private final StringBuilder body = new StringBuilder();
    private final String title;

    SummaryPage(String title) {
        this.title = title;
        body.append("<h1>").append(escape(title)).append("</h1>\n");
    }

    SummaryPage paragraph(String cssClass, String text) {
        body.append("<p class=\"").append(cssClass).append("\">").append(escape(text)).append("</p>\n");
        return this;
    }

    /** The command line that lists the rows behind a chart's numbers (docs: README "Every number explains itself"). */
    SummaryPage explain(String what, String commandLine) {
        body.append("<p class=\"explain\">").append(escape(what)).append(": <code>").append(escape(commandLine))
                .append("</code></p>\n");
        return this;
    }

    /** A status line: the text in green when {@code ok}, red otherwise. */
    SummaryPage status(boolean ok, String text) {
        body.append("<p>Reconciliation: <span class=\"").append(ok ? "ok" : "bad").append("\" id=\"status\">")
                .append(escape(text)).append("</span></p>\n");
        return this;
    }

    SummaryPage navigation(List<String[]> idAndLabel) {
        body.append("<nav>");
        for (String[] link : idAndLabel) {
            body.append("<a href=\"#").append(escape(link[0])).append("\">").append(escape(link[1])).append("</a>");
        }
        body.append("</nav>\n");
        return this;
    }

    SummaryPage heading(String id, String heading) {
        body.append("<h2 id=\"").append(escape(id)).append("\">").append(escape(heading)).append("</h2>\n");
        return this;
    }

    SummaryPage image(byte[] png, String alt) {
        body.append("<img alt=\"").append(escape(alt)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\">\n");
        return this;
    }

    /** A table; cells of the columns from {@code firstNumericColumn} on are right-aligned. */
    SummaryPage table(String id, List<String> header, List<List<String>> rows, int firstNumericColumn) {
        body.append("<table id=\"").append(escape(id)).append("\">\n<thead><tr>");
        for (String h : header) {
            body.append("<th>").append(escape(h)).append("</th>");
        }
        body.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            body.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                body.append(i >= firstNumericColumn ? "<td class=\"num\">" : "<td>").append(escape(row.get(i)))
                        .append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</tbody>\n</table>\n");
        return this;
    }

    String html() {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title)
                + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n" + body + "</body>\n</html>\n";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
