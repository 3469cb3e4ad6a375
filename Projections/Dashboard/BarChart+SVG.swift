/// Inline SVG of a ``BarChart``, drawn with integer geometry so that the bytes never depend on the machine.
///
/// A shown figure is a bar of its size; a suppressed one is a hatched box of a fixed width labelled
/// "suppressed" (never a bar of its true size); a pending wage quarter is a dashed box labelled "pending".
extension BarChart {
    /// Series colors (dark enough for white text and for print, distinguishable in grey).
    static let colors = ["#1d4e89", "#d9822b", "#2a9d8f", "#7b3f99", "#5b6770"]

    private static let width: Int64 = 760
    private static let labelRight: Int64 = 226
    private static let plotLeft: Int64 = 234
    private static let plotWidth: Int64 = 400
    private static let barHeight: Int64 = 14
    private static let seriesGap: Int64 = 2
    private static let rowGap: Int64 = 8
    private static let headingHeight: Int64 = 22
    private static let markerWidth: Int64 = 96

    /// The chart as an `<svg>` element whose ids start with `id`.
    func svg(id: String) -> String {
        let shown = rows.flatMap { $0.cells.compactMap(\.figure) }.map(\.value)
        let referenceValue = reference?.cell.figure?.value
        let scale = Self.scale(max: (shown + [referenceValue ?? 0]).max() ?? 0, unit: unit)
        var body = ""
        var shapes = ""  // drawn over the bars: the reference line
        var labels = ""  // drawn over everything: the bars' values
        var y: Int64 = 8
        if series.count > 1 {
            var x = Self.plotLeft
            for (index, name) in series.enumerated() {
                body += rect(x: x, y: y, width: 12, height: 12, fill: Self.colors[index % Self.colors.count])
                body += text(x: x + 16, y: y + 10, HTMLText.escape(name), anchor: "start")
                x += 30 + Int64(name.count) * 7
            }
            y += 24
        }
        if let reference, referenceValue != nil {
            body += text(
                x: Self.plotLeft, y: y + 10,
                "\(HTMLText.escape(reference.label)): \(HTMLText.escape(HTMLText.cellText(reference.cell, long: false)))",
                anchor: "start", cssClass: "ref")
            y += 18
        }
        let plotTop = y
        for row in rows {
            if let heading = row.heading {
                y += 4
                body += text(x: 4, y: y + 13, HTMLText.escape(heading), anchor: "start", cssClass: "heading")
                y += Self.headingHeight - 4
            }
            let rowHeight = Int64(row.cells.count) * (Self.barHeight + Self.seriesGap) - Self.seriesGap
            body += text(x: Self.labelRight, y: y + rowHeight / 2 + 4, HTMLText.escape(Self.short(row.label)), anchor: "end")
            for (index, cell) in row.cells.enumerated() {
                let drawn = bar(cell, series: index, y: y, scale: scale, id: id)
                body += drawn.shape
                labels += drawn.label
                y += Self.barHeight + Self.seriesGap
            }
            y += Self.rowGap - Self.seriesGap
        }
        if rows.isEmpty {
            body += text(x: Self.plotLeft, y: y + 12, "No rows as of this date.", anchor: "start", cssClass: "note")
            y += 20
        }
        let plotBottom = y
        // Axis: gridlines and tick labels under the plot.
        var axis = ""
        for tick in scale.ticks {
            let x = Self.x(tick, scale: scale)
            axis +=
                "<line class=\"grid\" x1=\"\(HTMLText.tenths(x))\" y1=\"\(plotTop - 2).0\" x2=\"\(HTMLText.tenths(x))\" y2=\"\(plotBottom).0\"/>"
            axis += text(
                x: x, y: plotBottom + 14, HTMLText.escape(Self.tickText(tick, unit: unit)), anchor: "middle", cssClass: "tick",
                tenthsX: true)
        }
        if let referenceValue {
            let x = Self.x(referenceValue, scale: scale)
            shapes +=
                "<line class=\"refline\" x1=\"\(HTMLText.tenths(x))\" y1=\"\(plotTop - 4).0\" x2=\"\(HTMLText.tenths(x))\" y2=\"\(plotBottom).0\"/>"
        }
        let height = plotBottom + 24
        let titleID = "\(id)-title"
        return "<svg class=\"chart\" viewBox=\"0 0 \(Self.width).0 \(height).0\" "
            + "role=\"img\" aria-labelledby=\"\(titleID)\"><title id=\"\(titleID)\">\(HTMLText.escape(title))</title>"
            + "<defs><pattern id=\"\(id)-hatch\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" "
            + "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#eeeeee\"/>"
            + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#8a8a8a\" stroke-width=\"2.5\"/></pattern></defs>"
            + axis + body + shapes + labels + "</svg>"
    }

    /// One series' bar (or marker) of a row.
    private func bar(_ cell: DashboardCell, series: Int, y: Int64, scale: Scale, id: String) -> (shape: String, label: String) {
        let textY = y + Self.barHeight - 3
        switch cell {
        case .shown(let figure):
            let end = Self.x(figure.value, scale: scale)
            let start = Self.plotLeft * 10
            let fill = Self.colors[series % Self.colors.count]
            let shape =
                "<rect x=\"\(HTMLText.tenths(start))\" y=\"\(y).0\" width=\"\(HTMLText.tenths(max(0, end - start)))\" "
                + "height=\"\(Self.barHeight).0\" fill=\"\(fill)\"/>"
            return (
                shape, text(x: end + 40, y: textY, HTMLText.escape(figure.text), anchor: "start", cssClass: "val", tenthsX: true)
            )
        case .suppressed:
            return (
                "<rect class=\"sup\" x=\"\(Self.plotLeft).0\" y=\"\(y).0\" width=\"\(Self.markerWidth).0\" "
                    + "height=\"\(Self.barHeight).0\" fill=\"url(#\(id)-hatch)\"/>"
                    + text(x: Self.plotLeft + Self.markerWidth + 4, y: textY, "suppressed", anchor: "start", cssClass: "sup"), ""
            )
        case .pending, .notDue:
            let word = HTMLText.cellText(cell, long: false)
            return (
                "<rect class=\"pend\" x=\"\(Self.plotLeft).0\" y=\"\(y).0\" width=\"\(Self.markerWidth).0\" "
                    + "height=\"\(Self.barHeight).0\"/>"
                    + text(x: Self.plotLeft + Self.markerWidth + 4, y: textY, word, anchor: "start", cssClass: "pend"), ""
            )
        case .none:
            return (text(x: Self.plotLeft + 4, y: textY, "–", anchor: "start", cssClass: "note"), "")
        }
    }

    /// `<text>` at whole pixels (or, with `tenthsX`, at an x in tenths of a pixel).
    private func text(
        x: Int64, y: Int64, _ escaped: String, anchor: String, cssClass: String? = nil, tenthsX: Bool = false
    ) -> String {
        let xText = tenthsX ? HTMLText.tenths(x) : "\(x).0"
        let classText = cssClass.map { " class=\"\($0)\"" } ?? ""
        return "<text x=\"\(xText)\" y=\"\(y).0\" text-anchor=\"\(anchor)\"\(classText)>\(escaped)</text>"
    }

    private func rect(x: Int64, y: Int64, width: Int64, height: Int64, fill: String) -> String {
        "<rect x=\"\(x).0\" y=\"\(y).0\" width=\"\(width).0\" height=\"\(height).0\" fill=\"\(fill)\"/>"
    }

    /// A label that fits the label column (about 34 characters at 12 px): longer ones end in "…" (the tables
    /// give them whole).
    static func short(_ label: String) -> String {
        label.count <= 34 ? label : String(label.prefix(33)) + "…"
    }

    /// The axis: its maximum and its ticks, in the figures' unit.
    struct Scale {
        let maximum: Int64
        let ticks: [Int64]
    }

    /// A scale from 0 to a round maximum ≥ `max` (rates: at least 100 %), with about four steps of 1, 2 or 5 × 10ⁿ.
    static func scale(max: Int64, unit: Figure.Unit) -> Scale {
        if unit == .rate {
            let top = Swift.max(10_000, (max + 2_499) / 2_500 * 2_500)
            return Scale(maximum: top, ticks: Array(stride(from: Int64(0), through: top, by: 2_500)))
        }
        let target = Swift.max(1, max)
        var step: Int64 = 1
        while step * 4 < target {
            if step * 2 * 4 >= target {
                step *= 2
                break
            }
            if step * 5 * 4 >= target {
                step *= 5
                break
            }
            step *= 10
        }
        let top = (target + step - 1) / step * step
        return Scale(maximum: top, ticks: Array(stride(from: Int64(0), through: top, by: Int(step))))
    }

    /// The x of `value`, in tenths of a pixel.
    static func x(_ value: Int64, scale: Scale) -> Int64 {
        let clamped = Swift.max(0, Swift.min(value, scale.maximum))
        return plotLeft * 10 + clamped * plotWidth * 10 / scale.maximum
    }

    /// A tick's label: `50%`, `$250,000`, `1,200`.
    static func tickText(_ value: Int64, unit: Figure.Unit) -> String {
        switch unit {
        case .rate: return "\(value / 100)%"
        case .cents: return "$" + Figure.grouped(value / 100)
        case .count, .days: return Figure.grouped(value)
        }
    }
}
