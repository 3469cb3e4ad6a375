/// The kinds of stream of EVENTS.md section 2. Every event belongs to exactly one stream, named by its kind's
/// ``prefix`` and an id taken from its data (`participant-P-000123`, `wages-2025Q1`); a void belongs to the stream
/// of the event it voids.
///
/// `allCases` order is stable: kinds are only ever added, at the end.
public enum StreamKind: String, CaseIterable, Sendable, Hashable {
    /// `participant-<participantId>`: the `participant.*` types.
    case participant
    /// `program-<programId>`: the `program.*` types.
    case program
    /// `employer-<employerId>`: the `employer.*` types.
    case employer
    /// `fund-<fundId>`: the `fund.*` types.
    case fund
    /// `wages-<quarter>` (e.g. `wages-2025Q1`): the `wages.*` types.
    case wages

    /// The stream name's prefix, up to and including its dash: `participant-`.
    public var prefix: String { rawValue + "-" }

    /// The name of the stream of `id`: `StreamKind.fund.stream(for: "ARPA-CC")` is `fund-ARPA-CC`.
    public func stream(for id: String) -> String { prefix + id }

    /// The `data` field whose value names the stream (`participantId`, …, `quarter`).
    public var idField: String {
        switch self {
        case .participant: "participantId"
        case .program: "programId"
        case .employer: "employerId"
        case .fund: "fundId"
        case .wages: "quarter"
        }
    }

    /// The kind and id of a stream name, or `nil` when `stream` has no known prefix or an empty id.
    /// `StreamKind.parse("wages-2025Q1")` is `(.wages, "2025Q1")`.
    public static func parse(_ stream: String) -> (kind: StreamKind, id: String)? {
        guard let dash = stream.utf8.firstIndex(of: UInt8(ascii: "-")),
            let kind = StreamKind(rawValue: String(stream[..<dash]))
        else { return nil }
        let id = String(stream[stream.index(after: dash)...])
        return id.isEmpty ? nil : (kind, id)
    }

    /// The kind of the types whose names start with `<kind>.`, or `nil` (`ledger.event_voided`).
    init?(typeName: String) {
        guard let dot = typeName.utf8.firstIndex(of: UInt8(ascii: ".")) else { return nil }
        self.init(rawValue: String(typeName[..<dot]))
    }
}
