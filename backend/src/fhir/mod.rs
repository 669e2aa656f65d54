//! HL7 FHIR R4: importing an EHR's bundles into the clinical record, and the read API over it.

pub mod api;
pub mod datetime;
pub mod import;
