package io.userasset.local.report;

import java.util.List;
import java.util.Locale;

/**
 * A few SVG primitives for the report's charts, drawn server-side: no script, no network. Every
 * chart is an {@code <svg class="chart" data-chart="NAME">} so a test can find it and count what it drew.
 */
final class Svg {
    static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1",
            "#ff9da7", "#9c755f", "#bab0ac", "#86bcb6", "#d37295"};

    final int width;
    final int height;
    final int left;
    final int right;
    final int top;
    final int bottom;
    private final StringBuilder b = new StringBuilder(4096);

    Svg(String chart, int width, int height, String label) {
        this(chart, width, height, label, 56, 16, 16, 36);
    }

    Svg(String chart, int width, int height, String label, int left, int right, int top, int bottom) {
        this.width = width;
        this.height = height;
        this.left = left;
        this.right = width - right;
        this.top = top;
        this.bottom = height - bottom;
        b.append("<svg class=\"chart\" data-chart=\"").append(chart).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"").append(esc(label)).append("\" xmlns=\"http://www.w3.org/2000/svg\">");
    }

    int plotWidth() { return right - left; }
    int plotHeight() { return bottom - top; }

    double x(double value, double min, double max) {
        return max == min ? left : left + (value - min) / (max - min) * plotWidth();
    }

    double y(double value, double min, double max) {
        return max == min ? bottom : bottom - (value - min) / (max - min) * plotHeight();
    }

    Svg rect(double x, double y, double w, double h, String fill, String tooltip) {
        b.append("<rect x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" width=\"").append(f(Math.max(0, w)))
                .append("\" height=\"").append(f(Math.max(0, h))).append("\" fill=\"").append(fill).append('"');
        return close(tooltip, "rect");
    }

    Svg line(double x1, double y1, double x2, double y2, String stroke, double width, String dash) {
        b.append("<line x1=\"").append(f(x1)).append("\" y1=\"").append(f(y1)).append("\" x2=\"").append(f(x2))
                .append("\" y2=\"").append(f(y2)).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(f(width)).append('"');
        if (dash != null) b.append(" stroke-dasharray=\"").append(dash).append('"');
        b.append("/>");
        return this;
    }

    Svg polyline(List<double[]> points, String stroke, double width, String tooltip) {
        if (points.isEmpty()) return this;
        b.append("<path d=\"");
        for (int i = 0; i < points.size(); i++) {
            b.append(i == 0 ? 'M' : 'L').append(f(points.get(i)[0])).append(',').append(f(points.get(i)[1]));
        }
        b.append("\" fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(f(width))
                .append("\" stroke-linejoin=\"round\"");
        return close(tooltip, "path");
    }

    Svg area(List<double[]> upper, List<double[]> lower, String fill, String tooltip) {
        if (upper.isEmpty()) return this;
        b.append("<path d=\"");
        for (int i = 0; i < upper.size(); i++) b.append(i == 0 ? 'M' : 'L').append(f(upper.get(i)[0])).append(',').append(f(upper.get(i)[1]));
        for (int i = lower.size() - 1; i >= 0; i--) b.append('L').append(f(lower.get(i)[0])).append(',').append(f(lower.get(i)[1]));
        b.append("Z\" fill=\"").append(fill).append("\" stroke=\"none\"");
        return close(tooltip, "path");
    }

    Svg circle(double cx, double cy, double r, String fill, String tooltip) {
        b.append("<circle cx=\"").append(f(cx)).append("\" cy=\"").append(f(cy)).append("\" r=\"").append(f(r))
                .append("\" fill=\"").append(fill).append('"');
        return close(tooltip, "circle");
    }

    Svg text(double x, double y, String text, String anchor, int size, String fill) {
        b.append("<text x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" text-anchor=\"").append(anchor)
                .append("\" font-size=\"").append(size).append("\" fill=\"").append(fill).append("\">").append(esc(text)).append("</text>");
        return this;
    }

    Svg rotatedText(double x, double y, String text, int size) {
        b.append("<text transform=\"translate(").append(f(x)).append(',').append(f(y)).append(") rotate(-40)\" text-anchor=\"end\" font-size=\"")
                .append(size).append("\" fill=\"#555\">").append(esc(text)).append("</text>");
        return this;
    }

    /** Left axis with ticks at "nice" values, and light grid lines. */
    Svg yAxis(double min, double max, int ticks, boolean percent) {
        line(left, top, left, bottom, "#999", 1, null);
        for (int i = 0; i <= ticks; i++) {
            double v = min + (max - min) * i / ticks;
            double yy = y(v, min, max);
            line(left, yy, right, yy, "#eee", 1, null);
            text(left - 6, yy + 4, percent ? String.format(Locale.ROOT, "%.0f%%", v * 100) : compact(v), "end", 11, "#555");
        }
        return this;
    }

    Svg xAxis() {
        return line(left, bottom, right, bottom, "#999", 1, null);
    }

    /** A note in the middle of an empty chart. */
    Svg empty(String message) {
        return text((left + right) / 2.0, (top + bottom) / 2.0, message, "middle", 13, "#888");
    }

    String end() {
        return b.append("</svg>").toString();
    }

    private Svg close(String tooltip, String element) {
        if (tooltip == null) {
            b.append("/>");
        } else {
            b.append("><title>").append(esc(tooltip)).append("</title></").append(element).append('>');
        }
        return this;
    }

    static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String compact(double v) {
        double a = Math.abs(v);
        if (a >= 1e6) return String.format(Locale.ROOT, "%.1fM", v / 1e6);
        if (a >= 1e4) return String.format(Locale.ROOT, "%.0fk", v / 1e3);
        if (a >= 1e3) return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        if (a == Math.rint(a)) return String.format(Locale.ROOT, "%.0f", v);
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** A round upper bound for an axis. */
    static double niceMax(double max) {
        if (max <= 0) return 1;
        double p = Math.pow(10, Math.floor(Math.log10(max)));
        for (double m : new double[]{1, 2, 2.5, 5, 10}) {
            if (m * p >= max) return m * p;
        }
        return 10 * p;
    }

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder o = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> o.append("&lt;");
                case '>' -> o.append("&gt;");
                case '&' -> o.append("&amp;");
                case '"' -> o.append("&quot;");
                case '\'' -> o.append("&#39;");
                default -> o.append(c);
            }
        }
        return o.toString();
    }
}
