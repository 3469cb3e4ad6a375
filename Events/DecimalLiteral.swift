/// Exact comparison of a JSON number literal with an integer, without going through a double.
enum DecimalLiteral {
    enum Order { case less, equal, greater }

    /// How the decimal value of `literal` (JSON number grammar) compares with `integer` (≥ 0).
    static func compare(_ literal: String, with integer: Int) -> Order {
        var negative = false
        var digits: [UInt8] = []  // significant digits, without leading zeros
        var pointShift = 0  // digits after the decimal point
        var exponent = 0
        var seenPoint = false
        var bytes = Array(literal.utf8)[...]
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes = bytes.dropFirst()
        }
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                seenPoint = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                exponent = Int(String(decoding: bytes[(index + 1)...], as: UTF8.self)) ?? 0
                break
            } else {
                if seenPoint { pointShift += 1 }
                if !(digits.isEmpty && byte == UInt8(ascii: "0")) { digits.append(byte - UInt8(ascii: "0")) }
            }
            index += 1
        }
        // value = digits × 10^(exponent − pointShift)
        let scale = exponent - pointShift
        while let last = digits.last, last == 0 {
            digits.removeLast()
        }
        let isZero = digits.isEmpty
        if isZero { return integer == 0 ? .equal : .less }
        if negative { return .less }
        if integer == 0 { return .greater }
        // Integer part: digits shifted by scale. Compare magnitudes via digit counts first.
        let integerDigits = Array(String(integer).utf8).map { $0 - UInt8(ascii: "0") }
        let valueDigitCount = digits.count + scale  // digits before the decimal point
        let integerDigitCount = integer == 0 ? 0 : integerDigits.count
        if valueDigitCount != integerDigitCount { return valueDigitCount > integerDigitCount ? .greater : .less }
        for position in 0..<max(digits.count, integerDigitCount) {
            let a = position < digits.count ? digits[position] : 0
            let b = position < integerDigitCount ? integerDigits[position] : 0
            if a != b { return a > b ? .greater : .less }
        }
        return .equal
    }
}

extension String {
    /// "an employment status", "a sector".
    var withIndefiniteArticle: String {
        guard let first = self.first else { return self }
        return ("aeiou".contains(first) ? "an " : "a ") + self
    }
}
