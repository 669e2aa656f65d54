//! The resource types the API serves, and what each is in the clinical record: its table, whose
//! record its rows belong to, and which date places it in time.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ResourceType {
    Patient,
    Encounter,
    Condition,
    AllergyIntolerance,
    MedicationRequest,
    Immunization,
    Observation,
    DiagnosticReport,
    DocumentReference,
    CarePlan,
    Goal,
    Coverage,
    Practitioner,
    PractitionerRole,
    Organization,
    Location,
}

impl ResourceType {
    /// Every type served, in the order `$everything` and the CapabilityStatement list them.
    pub const ALL: [Self; 16] = [
        Self::Patient,
        Self::Encounter,
        Self::Condition,
        Self::AllergyIntolerance,
        Self::MedicationRequest,
        Self::Immunization,
        Self::Observation,
        Self::DiagnosticReport,
        Self::DocumentReference,
        Self::CarePlan,
        Self::Goal,
        Self::Coverage,
        Self::Practitioner,
        Self::PractitionerRole,
        Self::Organization,
        Self::Location,
    ];

    pub const fn name(self) -> &'static str {
        match self {
            Self::Patient => "Patient",
            Self::Encounter => "Encounter",
            Self::Condition => "Condition",
            Self::AllergyIntolerance => "AllergyIntolerance",
            Self::MedicationRequest => "MedicationRequest",
            Self::Immunization => "Immunization",
            Self::Observation => "Observation",
            Self::DiagnosticReport => "DiagnosticReport",
            Self::DocumentReference => "DocumentReference",
            Self::CarePlan => "CarePlan",
            Self::Goal => "Goal",
            Self::Coverage => "Coverage",
            Self::Practitioner => "Practitioner",
            Self::PractitionerRole => "PractitionerRole",
            Self::Organization => "Organization",
            Self::Location => "Location",
        }
    }

    /// The type named exactly `name` (FHIR type names are case-sensitive).
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Directory data (who and where care happens) is readable by anyone signed in and is not
    /// health information.
    pub const fn is_directory(self) -> bool {
        matches!(self, Self::Practitioner | Self::PractitionerRole | Self::Organization | Self::Location)
    }

    /// The column naming the patient whose record a row belongs to; `None` for directory data.
    pub const fn patient_column(self) -> Option<&'static str> {
        match self {
            Self::Patient => Some("id"),
            t if t.is_directory() => None,
            _ => Some("patient_id"),
        }
    }

    /// Whether rows of this type carry a `confidential` flag (`records::sensitivity`), which
    /// hides them from a teenager's parents.
    pub const fn has_confidential_flag(self) -> bool {
        matches!(
            self,
            Self::Observation
                | Self::DiagnosticReport
                | Self::Condition
                | Self::MedicationRequest
                | Self::Encounter
                | Self::DocumentReference
        )
    }

    /// The UTC instant column that places a row in time (the `date` search and the
    /// `$everything` window), for types that have one.
    pub const fn clinical_date(self) -> Option<&'static str> {
        match self {
            Self::Observation | Self::DiagnosticReport => Some("effective_at"),
            Self::Condition => Some("onset_at"),
            Self::MedicationRequest => Some("authored_at"),
            Self::Immunization => Some("occurrence_at"),
            Self::Encounter => Some("start_at"),
            Self::DocumentReference => Some("date_at"),
            _ => None,
        }
    }
}

impl fmt::Display for ResourceType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_parses_back_from_its_name_and_nothing_else_does() {
        for t in ResourceType::ALL {
            assert_eq!(ResourceType::parse(t.name()), Some(t));
        }
        assert_eq!(ResourceType::parse("patient"), None);
        assert_eq!(ResourceType::parse("Claim"), None);
    }
}
