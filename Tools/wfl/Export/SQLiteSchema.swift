/// The tables of `wfl export sqlite`: what an analyst joins in a BI tool. Ids are TEXT, dates ISO `YYYY-MM-DD`
/// TEXT, money INTEGER cents, flags INTEGER 0/1.
enum SQLiteSchema {
    static let tables = """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE events (
          position INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, stream TEXT NOT NULL,
          stream_version INTEGER NOT NULL, occurred_at TEXT NOT NULL, occurred_date TEXT NOT NULL, actor TEXT NOT NULL,
          recorded_at TEXT NOT NULL, hash TEXT NOT NULL, voided INTEGER NOT NULL DEFAULT 0,
          participant_id TEXT, program_id TEXT, employer_id TEXT, fund_id TEXT, case_manager_id TEXT,
          service TEXT, amount_cents INTEGER, quarter TEXT, wages_cents INTEGER, hourly_wage_cents INTEGER,
          target_event_id TEXT, data_json TEXT NOT NULL);
        CREATE TABLE participants (
          participant_id TEXT PRIMARY KEY, registered_position INTEGER, registered_date TEXT, county TEXT,
          birth_year INTEGER, age_at_registration INTEGER, sex TEXT, race_ethnicity_json TEXT, barriers_json TEXT,
          employment_status TEXT, case_manager_id TEXT);
        CREATE TABLE programs (
          program_id TEXT PRIMARY KEY, registered_date TEXT, name TEXT, provider TEXT, sector TEXT, training_type TEXT,
          capacity INTEGER);
        CREATE TABLE employers (employer_id TEXT PRIMARY KEY, registered_date TEXT, name TEXT, sector TEXT);
        CREATE TABLE funds (
          fund_id TEXT PRIMARY KEY, registered_date TEXT, name TEXT, source TEXT, expenditure_category TEXT,
          budget_cents INTEGER);
        CREATE TABLE enrollments (
          position INTEGER PRIMARY KEY, participant_id TEXT NOT NULL, program_id TEXT NOT NULL, enrolled_date TEXT,
          ending_type TEXT, ending_position INTEGER, ending_date TEXT);
        CREATE TABLE periods (
          participant_id TEXT NOT NULL, sequence INTEGER NOT NULL, entry_date TEXT NOT NULL,
          last_activity_date TEXT NOT NULL, exit_date TEXT, exit_quarter TEXT, excluded INTEGER NOT NULL,
          programs_json TEXT NOT NULL, PRIMARY KEY (participant_id, sequence));
        CREATE TABLE services (
          position INTEGER PRIMARY KEY, participant_id TEXT NOT NULL, service_date TEXT, service TEXT,
          amount_cents INTEGER, fund_id TEXT);
        CREATE TABLE hires (
          position INTEGER PRIMARY KEY, participant_id TEXT NOT NULL, hire_date TEXT, employer_id TEXT,
          occupation TEXT, hourly_wage_cents INTEGER, hours_per_week REAL);
        CREATE TABLE wage_records (
          position INTEGER PRIMARY KEY, participant_id TEXT NOT NULL, record_date TEXT, quarter TEXT,
          wages_cents INTEGER, source TEXT, employer_id TEXT);
        """

    static let indexes = """
        CREATE INDEX events_type ON events (type);
        CREATE INDEX events_stream ON events (stream, stream_version);
        CREATE INDEX events_participant ON events (participant_id);
        CREATE INDEX events_program ON events (program_id);
        CREATE INDEX enrollments_participant ON enrollments (participant_id);
        CREATE INDEX enrollments_program ON enrollments (program_id);
        CREATE INDEX services_participant ON services (participant_id);
        CREATE INDEX services_fund ON services (fund_id);
        CREATE INDEX hires_participant ON hires (participant_id);
        CREATE INDEX hires_employer ON hires (employer_id);
        CREATE INDEX wage_records_participant ON wage_records (participant_id, quarter);
        CREATE INDEX participants_case_manager ON participants (case_manager_id);
        CREATE INDEX programs_sector ON programs (sector);
        """
}
