extension String {
    /// `==` after a comparison of UTF-8 lengths: member names and codes of different lengths, most unequal pairs,
    /// are told apart at once (an unequal `==` compares in full). Strings of different lengths are never equal
    /// here, even when `==` would equate them as canonically equivalent: JSON compares names by code points.
    @inlinable @inline(__always)
    public func isSameName(as other: String) -> Bool {
        utf8.count == other.utf8.count && self == other
    }
}
