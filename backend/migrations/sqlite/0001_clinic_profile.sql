-- The organisation that runs this portal: its public name and how patients reach it.
CREATE TABLE clinic_profile (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    phone TEXT,
    email TEXT
);
