/// The dashboard as one self-contained HTML file: inline CSS and inline SVG, no script, no external resource, no
/// clock. The same page gives the same bytes.
extension DashboardPage {
    /// The page's HTML, ending with a newline.
    public func html() -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>Workforce program dashboard, \(HTMLText.escape(Format.day(header.asOf)))</title>\n"
        out += "<style>\n\(Self.css)</style>\n</head>\n<body>\n"
        out += headerHTML()
        out += "<nav aria-label=\"Sections\"><ul>"
        for section in sections {
            out += "<li><a href=\"#\(section.id)\">\(HTMLText.escape(section.title))</a></li>"
        }
        out += "</ul></nav>\n<main>\n"
        var chartNumber = 0
        for section in sections {
            out += "<section id=\"\(section.id)\" aria-labelledby=\"\(section.id)-h\">\n"
            out += "<h2 id=\"\(section.id)-h\">\(HTMLText.escape(section.title))</h2>\n"
            out += "<p class=\"summary\">\(HTMLText.escape(section.summary))</p>\n"
            for chart in section.charts {
                chartNumber += 1
                out += "<figure>\n<figcaption>\(HTMLText.escape(chart.title))</figcaption>\n"
                out += chart.svg(id: "c\(chartNumber)") + "\n</figure>\n"
            }
            for table in section.tables { out += Self.tableHTML(table) }
            out += "</section>\n"
        }
        out += "</main>\n<footer><p>Figures follow the report rules of rule version \(HTMLText.escape(header.ruleVersion)). "
        out += "A hatched box marks a suppressed figure: it is not drawn to scale and its value is not in this file. "
        out += "Rebuild this page with the same position, date and options to check it: the same inputs give the "
        out += "same bytes.</p></footer>\n</body>\n</html>\n"
        return out
    }

    private func headerHTML() -> String {
        var out = "<header>\n<h1>Workforce program dashboard</h1>\n"
        if header.minCell <= 1 {
            out += "<p class=\"confidential\" role=\"alert\">Confidential: suppression is off (minimum cell 1); "
            out += "this page contains small cells and must not be published.</p>\n"
        }
        let window: String
        switch (header.exitFrom, header.exitTo) {
        case (nil, nil): window = "all exits"
        case (let from?, nil): window = "exits on or after \(Dates.format(from))"
        case (nil, let to?): window = "exits on or before \(Dates.format(to))"
        case (let from?, let to?): window = "\(Dates.format(from)) to \(Dates.format(to))"
        }
        let suppression =
            header.minCell <= 1
            ? "off (confidential)" : "outcome and funnel figures with fewer than \(header.minCell) people are suppressed"
        let digest = header.headDigest.map { "\($0.position):\($0.hashHex)" } ?? "none (empty ledger)"
        let items: [(String, String, String?)] = [
            ("Ledger position", String(header.position), nil),
            ("As of", Format.day(header.asOf), nil),
            ("Rule version", header.ruleVersion, nil),
            ("Exit window", window, nil),
            ("Suppression", suppression, nil),
            ("Head digest", digest, "digest"),
        ]
        out += "<dl class=\"provenance\">\n"
        for (term, value, cssClass) in items {
            let classText = cssClass.map { " class=\"\($0)\"" } ?? ""
            out += "<div><dt>\(term)</dt><dd\(classText)>\(HTMLText.escape(value))</dd></div>\n"
        }
        out += "</dl>\n</header>\n"
        return out
    }

    private static func tableHTML(_ table: DataTable) -> String {
        var out = "<div class=\"table-wrap\"><table>\n<caption>\(HTMLText.escape(table.caption))</caption>\n<thead><tr>"
        for column in table.columns { out += "<th scope=\"col\">\(HTMLText.escape(column))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            out += "<tr><th scope=\"row\">\(HTMLText.escape(row.header))</th>"
            for entry in row.entries {
                switch entry {
                case .text(let text): out += "<td>\(HTMLText.escape(text))</td>"
                case .cell(let cell):
                    out +=
                        "<td class=\"\(HTMLText.cellClass(cell))\">\(HTMLText.escape(HTMLText.cellText(cell, long: true)))</td>"
                }
            }
            out += "</tr>\n"
        }
        if table.rows.isEmpty {
            out += "<tr><td colspan=\"\(table.columns.count)\" class=\"none\">No rows as of this date.</td></tr>\n"
        }
        out += "</tbody>\n</table></div>\n"
        return out
    }

    /// The page's style: system fonts only, readable on a laptop, printable on letter or A4.
    static let css = """
        :root { color-scheme: light; --ink: #1b1f24; --muted: #55606b; --rule: #d5dae0; --band: #f4f6f8; }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 1120px; padding: 24px 28px 48px; color: var(--ink); background: #fff;
          font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        h1 { font-size: 26px; margin: 0 0 12px; color: #0f3561; }
        h2 { font-size: 20px; margin: 36px 0 6px; padding-top: 8px; border-top: 3px solid #0f3561; color: #0f3561; }
        header { border-bottom: 1px solid var(--rule); padding-bottom: 12px; }
        .provenance { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 6px 24px; margin: 0; }
        .provenance div { min-width: 0; }
        .provenance dt { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
        .provenance dd { margin: 0; font-weight: 600; }
        .provenance dd.digest { font: 12px/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
          overflow-wrap: anywhere; font-weight: 400; }
        .confidential { background: #8b1a1a; color: #fff; padding: 8px 12px; font-weight: 700; }
        nav ul { list-style: none; padding: 0; margin: 14px 0 0; display: flex; flex-wrap: wrap; gap: 6px 18px; }
        nav a { color: #0f3561; }
        .summary { color: var(--muted); max-width: 860px; margin: 0 0 12px; }
        figure { margin: 14px 0 18px; }
        figcaption { font-weight: 600; margin-bottom: 4px; }
        svg.chart { width: 100%; max-width: 760px; height: auto; display: block;
          font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--ink); }
        svg .grid { stroke: #e3e7eb; stroke-width: 1; }
        svg .tick { fill: var(--muted); font-size: 11px; }
        svg .heading { font-weight: 700; fill: #0f3561; }
        svg .refline { stroke: #b3261e; stroke-width: 2; stroke-dasharray: 5 3; }
        svg .ref { fill: #b3261e; font-weight: 600; }
        svg rect.sup { stroke: #6b6b6b; stroke-width: 1; }
        svg text.sup { font-style: italic; fill: #4a4a4a; }
        svg rect.pend { fill: #fff; stroke: #55606b; stroke-width: 1.5; stroke-dasharray: 4 3; }
        svg text.pend { font-style: italic; fill: var(--muted); }
        svg .note { fill: var(--muted); }
        svg .val { paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
        .table-wrap { overflow-x: auto; margin: 10px 0 22px; }
        table { border-collapse: collapse; font-size: 13px; min-width: 50%; }
        caption { text-align: left; font-weight: 600; padding: 4px 0; }
        th, td { border-bottom: 1px solid var(--rule); padding: 4px 10px; vertical-align: top; }
        thead th { background: var(--band); text-align: left; font-size: 12px; }
        tbody th { text-align: left; font-weight: 600; white-space: nowrap; }
        td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        td.sup { font-style: italic; color: #4a4a4a;
          background: repeating-linear-gradient(45deg, #f1f1f1 0 4px, #e2e2e2 4px 8px); }
        td.pend { font-style: italic; color: var(--muted); }
        td.none { color: var(--muted); }
        footer { margin-top: 40px; border-top: 1px solid var(--rule); color: var(--muted); font-size: 13px; }
        @media print {
          body { max-width: none; padding: 0; font-size: 11pt; }
          nav { display: none; }
          h2 { break-after: avoid; }
          figure, .table-wrap { break-inside: avoid; }
          .table-wrap { overflow: visible; }
          td.sup { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }

        """
}
