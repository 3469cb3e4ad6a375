import Foundation
import TestSupport

/// Debian's headless `chromium`, as the dashboard tests drive it: a screenshot and the DOM of a `file://` page.
enum DashboardBrowser {
    /// The browser's path (scripts/test.sh and .ci/run install Debian's `chromium` when it is missing).
    static var path: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs the browser headless on `page` with a private profile in `directory`.
    static func run(_ browser: String, page: String, directory: TemporaryDirectory, _ arguments: [String]) throws
        -> ProcessResult
    {
        try TestSupport.run(
            browser,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                "--user-data-dir=\(directory.child("profile"))", "--enable-logging=stderr", "--v=0",
            ] + arguments + ["file://\(page)"],
            environment: ["HOME": directory.path])
    }

    /// Console messages and failed loads in the browser's log (its D-Bus and GPU chatter is not about the page).
    static func pageProblems(in log: String) -> [String] {
        log.split(separator: "\n").map(String.init).filter {
            $0.contains("CONSOLE") || $0.contains("net::ERR") || $0.contains("Failed to load resource")
        }
    }

    /// How many different pixel rows the PNG at `path` has, read with Python's zlib (a blank page has one or
    /// two; a page of charts and tables has hundreds). Rows are compared after PNG's per-row filters are undone.
    static func distinctRows(png path: String) throws -> Int {
        let script = """
            import sys, zlib, struct
            data = open(sys.argv[1], 'rb').read()
            assert data[:8] == b'\\x89PNG\\r\\n\\x1a\\n'
            pos, idat, width, height, bpp = 8, b'', 0, 0, 4
            while pos < len(data):
                length, kind = struct.unpack('>I4s', data[pos:pos + 8])
                body = data[pos + 8:pos + 8 + length]
                if kind == b'IHDR':
                    width, height, depth, color = struct.unpack('>IIBB', body[:10])
                    bpp = {2: 3, 6: 4, 0: 1, 4: 2}[color] * depth // 8
                elif kind == b'IDAT':
                    idat += body
                pos += 12 + length
            raw = zlib.decompress(idat)
            stride = width * bpp
            prev = bytearray(stride)
            rows = set()
            for y in range(height):
                f = raw[y * (stride + 1)]
                line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
                if f == 1:
                    for i in range(bpp, stride): line[i] = (line[i] + line[i - bpp]) & 255
                elif f == 2:
                    line = bytearray((a + b) & 255 for a, b in zip(line, prev))
                elif f == 3:
                    for i in range(stride):
                        left = line[i - bpp] if i >= bpp else 0
                        line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
                elif f == 4:
                    for i in range(stride):
                        a = line[i - bpp] if i >= bpp else 0
                        b = prev[i]
                        c = prev[i - bpp] if i >= bpp else 0
                        p = a + b - c
                        pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                        pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                        line[i] = (line[i] + pred) & 255
                rows.add(bytes(line))
                prev = line
            print(len(rows))
            """
        let result = try TestSupport.run("/usr/bin/env", ["python3", "-c", script, path])
        guard result.status == 0, let count = Int(result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw BrowserTestError("reading \(path) failed: \(result.stderrText)")
        }
        return count
    }
}

struct BrowserTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
