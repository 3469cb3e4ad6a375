extension String {
    /// Whether the two strings are the same sequence of code points (the same UTF-8 bytes): how JSON compares member
    /// names, and how LMDB compares keys.
    ///
    /// Swift's `==` also equates canonically equivalent spellings (a precomposed "é" and "e" + U+0301), which are
    /// different JSON names and different keys. It is also slow for unequal strings, which it compares in full. So
    /// the UTF-8 lengths are compared first (most unequal names differ there), then `==` (immediate for equal
    /// representations); only when that says equal and the text is not ASCII are the bytes compared, since an ASCII
    /// string is canonically equivalent only to itself among strings of its length.
    @inlinable @inline(__always)
    public func isSameName(as other: String) -> Bool {
        guard utf8.count == other.utf8.count, self == other else { return false }
        let isASCII = utf8.withContiguousStorageIfAvailable { bytes in
            var bits: UInt8 = 0
            for byte in bytes { bits |= byte }
            return bits < 0x80
        }
        if isASCII == true { return true }
        return utf8.elementsEqual(other.utf8)
    }
}
