/// Exact comparison of a JSON number literal with a small integer, without going through a double.
enum DecimalLiteral {
    enum Order { case less, equal, greater }

    /// How the decimal value of `literal` (JSON number grammar, already validated) compares with `integer` (≥ 0).
    static func compare(_ literal: String, with integer: Int) -> Order {
        let bytes = Array(literal.utf8)
        var index = 0
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { index = 1 }
        // The significant digits (no leading zeros) and the power of ten of the last one: value = digits × 10^scale.
        var digits: [UInt8] = []
        var scale = 0
        var seenPoint = false
        while index < bytes.count, bytes[index] != UInt8(ascii: "e"), bytes[index] != UInt8(ascii: "E") {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                seenPoint = true
            } else {
                if seenPoint { scale -= 1 }
                if !(digits.isEmpty && byte == UInt8(ascii: "0")) { digits.append(byte - UInt8(ascii: "0")) }
            }
            index += 1
        }
        if index < bytes.count {
            // The exponent: clamped, so that a hostile 1e-9223372036854775808 cannot overflow the arithmetic.
            var exponentNegative = false
            var exponent = 0
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            while index < bytes.count {
                exponent = min(exponent * 10 + Int(bytes[index] - UInt8(ascii: "0")), 1_000_000)
                index += 1
            }
            scale += exponentNegative ? -exponent : exponent
        }
        while let last = digits.last, last == 0 {
            digits.removeLast()
            scale += 1
        }
        if digits.isEmpty { return integer == 0 ? .equal : .less }
        if negative { return .less }
        if integer == 0 { return .greater }
        // Compare digit counts before the decimal point, then the digits themselves.
        let integerDigits = Array(String(integer).utf8).map { $0 - UInt8(ascii: "0") }
        let valueIntegerDigits = digits.count + scale
        if valueIntegerDigits != integerDigits.count {
            return valueIntegerDigits > integerDigits.count ? .greater : .less
        }
        for position in 0..<max(digits.count, integerDigits.count) {
            let a = position < digits.count ? digits[position] : 0
            let b = position < integerDigits.count ? integerDigits[position] : 0
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
