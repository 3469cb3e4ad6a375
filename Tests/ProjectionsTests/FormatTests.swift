import Testing

@testable import Projections

/// Money and rates as people read them in tables.
@Suite struct FormatTests {
    @Test(arguments: [
        (Int64(0), "$0.00"), (5, "$0.05"), (94_120, "$941.20"), (941_200, "$9,412.00"),
        (479_324_000, "$4,793,240.00"), (100_000, "$1,000.00"), (-123_456, "-$1,234.56"),
    ])
    func dollarsHaveTwoDecimalsAndThousandsSeparators(cents: Int64, expected: String) {
        #expect(Format.dollars(cents) == expected)
    }

    @Test func percentKeepsTwoDecimals() {
        #expect(Format.percent(7222) == "72.22%")
        #expect(Format.percent(10_000) == "100.00%")
        #expect(Format.percent(5) == "0.05%")
    }
}
