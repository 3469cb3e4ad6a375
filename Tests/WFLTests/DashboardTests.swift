import Foundation
import TestSupport
import Testing

/// `wfl dashboard`: one self-contained page, checked in a real headless browser, with the reports' numbers and
/// suppression.
@Suite struct DashboardTests {
    static let sections = ["funnel", "equity", "exit-quarters", "capacity", "funding", "caseload"]

    /// A small demo ledger.
    static func demo(_ h: WFLHarness) throws {
        let demo = try h.wfl(["demo", "--participants", "300", "--seed", "11"])
        try #require(demo.status == 0, "\(demo.stderrText)")
    }

    /// The page's bytes.
    static func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func pageLoadsInAHeadlessBrowserWithTheReportsNumbers() throws {
        let browser = try #require(DashboardBrowser.path, "chromium is missing: scripts/test.sh installs it")
        let h = try WFLHarness("wfl-dashboard")
        defer { h.remove() }
        try Self.demo(h)
        let page = h.directory.child("board.html")
        let made = try h.wfl(["dashboard", "--out", page])
        #expect(made.status == 0, "\(made.stderrText)")
        let html = String(decoding: try Self.bytes(page), as: UTF8.self)

        // Self-contained: nothing to fetch, nothing to run.
        for external in ["http://", "https://", "src=", "<script", "<link", "@import", "<img", "<iframe", "//fonts"] {
            #expect(!html.contains(external), "the page holds \(external)")
        }
        #expect(!html.replacingOccurrences(of: "url(#", with: "").contains("url("), "a url() outside the page")

        // The browser: no console message, no failed load, every section in the DOM.
        let dom = try DashboardBrowser.run(browser, page: page, directory: h.directory, ["--dump-dom"])
        #expect(dom.status == 0, "\(dom.stderrText)")
        #expect(DashboardBrowser.pageProblems(in: dom.stderrText).isEmpty, "\(DashboardBrowser.pageProblems(in: dom.stderrText))")
        for id in Self.sections {
            #expect(dom.stdoutText.contains("<section id=\"\(id)\""), "section \(id) is missing from the DOM")
        }
        #expect(dom.stdoutText.components(separatedBy: "<svg class=\"chart\"").count > 12)

        // A screenshot of the whole page that is not blank.
        let shot = h.directory.child("shot.png")
        let screenshot = try DashboardBrowser.run(
            browser, page: page, directory: h.directory, ["--screenshot=\(shot)", "--window-size=1280,4000"])
        #expect(screenshot.status == 0, "\(screenshot.stderrText)")
        #expect(DashboardBrowser.pageProblems(in: screenshot.stderrText).isEmpty)
        #expect(try Self.bytes(shot).count > 50_000)
        #expect(try DashboardBrowser.distinctRows(png: shot) > 300)

        // Known metrics, as the browser shows them, equal the JSON reports'.
        let outcomes = try h.wfl(["report", "outcomes", "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: outcomes.stdout) as? [String: Any])
        let groups = try #require(report["groups"] as? [[String: Any]])
        let all = try #require(groups.first { $0["dimension"] as? String == "all" })
        let exiters = try #require((all["exiters"] as? NSNumber)?.intValue)
        let row = "<th scope=\"row\">Program-wide</th><td class=\"num\">\(Self.grouped(exiters))</td>"
        #expect(dom.stdoutText.contains(row), "exiters \(exiters) not on the page")
        let placement = try #require(all["placementRate"] as? [String: Any])
        let numerator = try #require((placement["numerator"] as? NSNumber)?.intValue)
        let denominator = try #require((placement["denominator"] as? NSNumber)?.intValue)
        let rate = try #require((placement["rate"] as? NSNumber)?.doubleValue)
        let tenThousandths = Int((rate * 10_000).rounded())
        let tenths = (tenThousandths * 2 + 10) / 20
        let shown = "\(tenths / 10).\(tenths % 10)% (\(Self.grouped(numerator)) of \(Self.grouped(denominator)))"
        #expect(dom.stdoutText.contains(shown), "placement \(shown) not on the page")
        let capacity = try h.wfl(["report", "capacity", "--format", "json"])
        let programs = try #require(
            (try JSONSerialization.jsonObject(with: capacity.stdout) as? [String: Any])?["programs"] as? [[String: Any]])
        let first = try #require(programs.first)
        let waitlisted = try #require((first["waitlisted"] as? NSNumber)?.intValue)
        let programID = try #require(first["programId"] as? String)
        let capacityRow = try #require(dom.stdoutText.range(of: "<th scope=\"row\">\(programID) "))
        let cells = dom.stdoutText[capacityRow.upperBound...].prefix { $0 != "\n" }
        #expect(cells.contains("<td class=\"num\">\(Self.grouped(waitlisted))</td>"))

        // The header traces the page: the head digest and the rule version.
        let head = try h.wfl(["head"]).stdoutText.trimmingCharacters(in: .newlines)
        #expect(html.contains(head))
        #expect(html.contains("<dt>Rule version</dt><dd>2</dd>"))
    }

    @Test func sameInputsGiveTheSameBytesAndTheHeaderNamesTheHashAtThePosition() throws {
        let h = try WFLHarness("wfl-dashboard")
        defer { h.remove() }
        try Self.demo(h)
        let first = h.directory.child("first.html")
        let second = h.directory.child("second.html")
        for path in [first, second] {
            let made = try h.wfl(
                ["dashboard", "--out", path, "--at-position", "2000", "--as-of", "2024-12-31", "--exit-from", "2024-01-01"])
            #expect(made.status == 0, "\(made.stderrText)")
        }
        #expect(try Self.bytes(first) == Self.bytes(second))
        let html = String(decoding: try Self.bytes(first), as: UTF8.self)
        let event = try h.wfl(["events", "--from", "2000", "--to", "2000"])
        let object = try #require(try JSONSerialization.jsonObject(with: event.stdout) as? [String: Any])
        let hash = try #require(object["hash"] as? String)
        #expect(html.contains("2000:\(hash)"))
        #expect(html.contains("<dt>As of</dt><dd>2024-12-31</dd>"))
        #expect(html.contains("<dt>Exit window</dt><dd>exits on or after 2024-01-01</dd>"))
        #expect(!html.contains("Confidential"))
    }

    /// Suppressed groups of 37 and 43 people at --min-cell 50: neither number is anywhere in the page. Numbers are
    /// read as tokens (not inside a longer run of digits, letters or a decimal point), so the head digest's hex and
    /// the charts' geometry (always written with one decimal, `37.0`) are not mistaken for them; at --min-cell 1 the
    /// same check finds both, so it would catch a leak.
    @Test func suppressedSizesAreNowhereInThePage() throws {
        let h = try WFLHarness("wfl-dashboard")
        defer { h.remove() }
        let input = h.directory.child("history.jsonl")
        try SuppressionHistory.jsonl(female: 37, male: 43).write(toFile: input, atomically: true, encoding: .utf8)
        let imported = try h.wfl(["import", input])
        try #require(imported.status == 0, "\(imported.stderrText)")

        let open = h.directory.child("open.html")
        let k1 = try h.wfl(["dashboard", "--out", open, "--as-of", SuppressionHistory.asOf, "--min-cell", "1"])
        #expect(k1.status == 0)
        #expect(k1.stderrText.contains("confidential"))
        let openHTML = String(decoding: try Self.bytes(open), as: UTF8.self)
        #expect(Self.tokens(openHTML).contains("37") && Self.tokens(openHTML).contains("43"))
        #expect(openHTML.contains("Confidential"))

        let published = h.directory.child("published.html")
        let k50 = try h.wfl(["dashboard", "--out", published, "--as-of", SuppressionHistory.asOf, "--min-cell", "50"])
        #expect(k50.status == 0, "\(k50.stderrText)")
        let html = String(decoding: try Self.bytes(published), as: UTF8.self)
        let tokens = Self.tokens(html)
        #expect(!tokens.contains("37"))
        #expect(!tokens.contains("43"))
        // The groups are on the page, drawn and listed as suppressed; the program-wide count is shown.
        #expect(html.contains("<th scope=\"row\">Female</th><td class=\"num sup\">suppressed</td>"))
        #expect(html.contains("<th scope=\"row\">Male</th><td class=\"num sup\">suppressed</td>"))
        #expect(html.contains("<th scope=\"row\">Program-wide</th><td class=\"num\">80</td>"))
        #expect(html.contains("fill=\"url(#"))
    }

    @Test func refusesToOverwriteAndRejectsBadFlags() throws {
        let h = try WFLHarness("wfl-dashboard")
        defer { h.remove() }
        try SuppressionHistory.jsonl(female: 3, male: 4).write(
            toFile: h.directory.child("in.jsonl"), atomically: true, encoding: .utf8)
        try #require(try h.wfl(["import", h.directory.child("in.jsonl")]).status == 0)
        let page = h.directory.child("page.html")
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: page))
        let refused = try h.wfl(["dashboard", "--out", page])
        #expect(refused.status == 73)
        #expect(refused.stderrText.contains("--force"))
        #expect(try Self.bytes(page) == Data("keep me".utf8))
        #expect(try h.wfl(["dashboard", "--out", page, "--force"]).status == 0)
        #expect(String(decoding: try Self.bytes(page), as: UTF8.self).hasPrefix("<!DOCTYPE html>"))
        let other = h.directory.child("other.html")
        for bad in [
            ["--min-cell", "0"], ["--exit-from", "2025-02-01", "--exit-to", "2025-01-01"], ["--as-of", "2025-13-01"],
            ["--at-position", "0"], ["--at-position", "100000"], ["--exit-to", "yesterday"],
        ] {
            let result = try h.wfl(["dashboard", "--out", other] + bad)
            #expect(result.status == 64, "\(bad): \(result.status) \(result.stderrText)")
        }
        #expect(!FileManager.default.fileExists(atPath: other))
        #expect(try h.wfl(["dashboard"]).status == 64)
    }

    /// Maximal runs of digits, letters and points, without trailing points: `37` and `37.` give the token `37`;
    /// `37.0`, `a37b` and `1037` do not.
    static func tokens(_ text: String) -> Set<String> {
        var tokens: Set<String> = []
        var current = ""
        for character in text {
            if character.isLetter || character.isNumber || character == "." {
                current.append(character)
            } else {
                tokens.insert(current)
                current = ""
            }
        }
        tokens.insert(current)
        // A sentence's full stop is not part of its last number: `37.` is `37`.
        return Set(tokens.map { String($0.reversed().drop { $0 == "." }.reversed()) }.filter { !$0.isEmpty })
    }

    /// `12,480`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }
}
