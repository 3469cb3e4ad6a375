/// Small-cell and complementary suppression of the outcomes report (REPORTS.md section 3).
///
/// A metric whose denominator (for `exiters`, the count) is below K is suppressed. Then, so that no suppressed
/// cell can be recovered by subtraction, two complementary passes:
/// 1. In each dimension whose groups split `all` without overlap (`sex`, `age`, `exitQuarter`, `exitYear`), for
///    each metric: when exactly one group has it suppressed by K and `all` shows it, the shown group with the
///    smallest denominator is suppressed too (ties: the first by value). Groups with a denominator of 0 take no part.
/// 2. In the quarters of each program year (which split that year's `exitYear` group): when the year shows the
///    metric and exactly one of its quarters hides it, or the year hides it while every quarter shows it, the
///    shown quarter with the smallest denominator is suppressed too (ties: the earlier quarter).
/// `--min-cell 1` switches the complementary passes off.
enum Suppression {
    static let partitioning: [OutcomeDimension] = [.sex, .age, .exitQuarter, .exitYear]

    /// Sets every group's ``OutcomeGroup/suppressed`` metrics; `groups` are in report order.
    static func apply(to groups: inout [OutcomeGroup], minCell: Int) {
        for index in groups.indices {
            for metric in OutcomeMetric.allCases {
                if let denominator = groups[index].denominator(metric), denominator < minCell {
                    groups[index].suppressed.insert(metric)
                }
            }
        }
        guard minCell > 1, let all = groups.firstIndex(where: { $0.dimension == OutcomeDimension.all.rawValue })
        else { return }
        let bySmallCells = groups.map(\.suppressed)

        // Pass 1: dimensions that partition `all`, decided on the suppression by K alone.
        for dimension in partitioning {
            let members = groups.indices.filter { groups[$0].dimension == dimension.rawValue }
            for metric in OutcomeMetric.allCases where !bySmallCells[all].contains(metric) {
                let taking = members.filter { (groups[$0].denominator(metric) ?? 0) > 0 }
                guard taking.count(where: { bySmallCells[$0].contains(metric) }) == 1,
                    let complement = smallestShown(taking.filter { !bySmallCells[$0].contains(metric) }, metric, groups)
                else { continue }
                groups[complement].suppressed.insert(metric)
            }
        }

        // Pass 2: the quarters of each program year, after pass 1.
        let quarters = groups.indices.filter { groups[$0].dimension == OutcomeDimension.exitQuarter.rawValue }
        for year in groups.indices where groups[year].dimension == OutcomeDimension.exitYear.rawValue {
            let ofYear = quarters.filter { programYear(ofQuarter: groups[$0].value) == groups[year].value }
            for metric in OutcomeMetric.allCases where groups[year].denominator(metric) != nil {
                let taking = ofYear.filter { (groups[$0].denominator(metric) ?? 0) > 0 }
                let hidden = taking.count(where: { groups[$0].isSuppressed(metric) })
                let needed = groups[year].isSuppressed(metric) ? hidden == 0 && !taking.isEmpty : hidden == 1
                guard needed,
                    let complement = smallestShown(taking.filter { !groups[$0].isSuppressed(metric) }, metric, groups)
                else { continue }
                groups[complement].suppressed.insert(metric)
            }
        }
    }

    /// The candidate with the smallest denominator; ties go to the first (groups are in value order).
    private static func smallestShown(_ candidates: [Int], _ metric: OutcomeMetric, _ groups: [OutcomeGroup]) -> Int? {
        var best: Int?
        for index in candidates {
            guard let current = best else {
                best = index
                continue
            }
            if (groups[index].denominator(metric) ?? 0) < (groups[current].denominator(metric) ?? 0) { best = index }
        }
        return best
    }

    /// `PY2024` for `2024Q3` … `2025Q2`.
    static func programYear(ofQuarter text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count >= 6, let year = Int(String(decoding: bytes[0..<(bytes.count - 2)], as: UTF8.self)),
            let q = Int(String(decoding: bytes[(bytes.count - 1)...], as: UTF8.self))
        else { return "" }
        return Dates.formatProgramYear(q >= 3 ? year : year - 1)
    }
}
