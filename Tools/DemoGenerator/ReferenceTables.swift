/// Fixed tables the simulation draws from: employers, counties, codes and reasons.
/// Employer names are invented; any likeness to a real firm is accidental.
enum ReferenceTables {
    /// (name, sector index into `ProgramCatalog.sectors`), `EMP-001` … in this order.
    static let employers: [(name: String, sector: Int)] = [
        ("Riverbend Precision Machining", 0), ("Harbor Point Shipfitting", 0), ("Quarry Hill Aerospace Components", 0),
        ("Housatonic Fastener Works", 0), ("Litchfield Hills Plastics", 0), ("Tri-Town Tool and Die", 0),
        ("Mill River Metal Fabrication", 0), ("Northfield Bearing Company", 0), ("Coastline Defense Systems", 0),
        ("Oak Ledge Medical Devices", 0),
        ("Charter Oak Managed IT", 1), ("Sound View Software", 1), ("Ironbridge Cyber Defense", 1),
        ("Nutmeg Data Services", 1), ("Pequot Path Health IT", 1), ("Granite State Insurance Technology", 1),
        ("Long Wharf Analytics", 1), ("Cedar Street Help Desk Solutions", 1),
        ("Farmington Valley Health System", 2), ("Shoreline Community Hospital", 2), ("Elmwood Senior Living", 2),
        ("Greenbrook Home Care Agency", 2), ("Meriden Family Health Center", 2), ("Thames Valley Rehabilitation", 2),
        ("Blue Heron Pharmacy Group", 2), ("Westfield Pediatrics Associates", 2), ("Red Maple Nursing and Rehab", 2),
        ("Capitol Region Urgent Care", 2), ("Quiet Corner Medical Group", 2),
        ("Connecticut River Freight Lines", 3), ("Gateway Bridge Constructors", 3), ("Nor'easter Utility Services", 3),
        ("Stonewall Paving and Site Work", 3), ("Interstate 84 Logistics", 3), ("Tidewater Water Utility Contractors", 3),
        ("Ridgeline Rail Maintenance", 3), ("Hilltop Transit Company", 3),
        ("Sunrise Solar Installers", 4), ("BrightPath Heat Pump Services", 4), ("Long Island Sound Offshore Wind Supply", 4),
        ("Evergreen Weatherization Cooperative", 4), ("Greenfield Energy Retrofit", 4), ("Harvest Moon Solar", 4),
    ]

    /// Connecticut's eight counties and a population weight (2020 Census, rounded, in thousands).
    static let counties: [(name: String, weight: Double)] = [
        ("Fairfield", 957), ("Hartford", 899), ("New Haven", 864), ("New London", 268),
        ("Litchfield", 185), ("Middlesex", 164), ("Tolland", 149), ("Windham", 116),
    ]

    /// Reasons a participant leaves training early, with relative weights.
    static let withdrawalReasons: [(reason: String, weight: Double)] = [
        ("found employment before completing", 22), ("family or childcare responsibilities", 17),
        ("health reasons", 11), ("transportation barriers", 9), ("financial hardship", 10),
        ("lost contact", 14), ("moved out of state", 5), ("program was not a good fit", 8),
        ("attendance policy", 4),
    ]

    /// Reasons for voiding a mistaken wage record.
    static let wageVoidReasons: [String] = [
        "wage record matched to the wrong participant",
        "wages keyed with a misplaced decimal",
        "duplicate employer account merged in the quarterly match",
    ]
}
