//! Parsers for documents and plans: DocumentReference (with its attachments, and the visit note
//! it may carry), CarePlan (with activities and goals), Goal and Coverage.

use serde_json::Value;

use super::bundle::Entry;
use super::json::{self, concept, concept_code, concept_label, first, items, notes, required, text};
use super::parse::{Parse, seq};
use crate::records::{
    CarePlan, CarePlanActivity, CarePlanGoal, Coverage, Document, DocumentAttachment, Goal,
};

/// US Core's DocumentReference category for clinical notes.
const CLINICAL_NOTE: &str = "clinical-note";

impl Parse<'_> {
    pub(super) fn document(&mut self, e: &Entry, id: String) -> Result<(), String> {
        let r = &e.resource;
        let status = required(r, "status")?;
        let patient_id = self.refs.required(r.get("subject"), "Patient", "subject")?;
        let context = r.get("context").unwrap_or(&Value::Null);
        let encounter_id =
            self.refs.first_of(items(context, "encounter"), "Encounter", "context.encounter")?;
        let kind = concept(r.get("type"));
        let mut attachments = Vec::new();
        let mut plain_text = None;
        for (i, content) in items(r, "content").iter().enumerate() {
            let Some(attachment) = content.get("attachment") else { continue };
            let at = |e: String| format!("content[{i}].attachment.{e}");
            let data = json::attachment_data(attachment, &format!("content[{i}].attachment"))?;
            if plain_text.is_none() && json::is_plain_text(attachment) {
                plain_text = data.as_deref().map(|bytes| String::from_utf8_lossy(bytes).into_owned());
            }
            attachments.push(DocumentAttachment {
                document_id: id.clone(),
                seq: seq(i),
                content_type: text(attachment, "contentType"),
                language: text(attachment, "language"),
                title: text(attachment, "title"),
                url: text(attachment, "url"),
                size: json::integer(attachment, "size", "size").map_err(at)?,
                hash: text(attachment, "hash"),
                creation: json::date_text(attachment, "creation").map_err(at)?,
                data,
            });
        }
        let is_clinical_note = items(r, "category").iter().any(|c| json::has_code(c, CLINICAL_NOTE));
        if let (true, Some(encounter), Some(note)) = (is_clinical_note, &encounter_id, plain_text) {
            self.rows.encounter_notes.push((encounter.clone(), note));
        }
        let confidential = json::confidential(r, &[(kind.system.as_deref(), kind.code.as_deref())]);
        let row = Document {
            id: id.clone(),
            source: self.source.to_owned(),
            source_id: Some(e.source_id.clone()),
            patient_id,
            encounter_id,
            status,
            doc_status: text(r, "docStatus"),
            type_system: kind.system,
            type_code: kind.code,
            type_display: kind.display,
            category: first(r, "category").and_then(|c| concept(Some(c)).code),
            description: text(r, "description"),
            date_at: json::instant(r, "date")?,
            author_id: self.refs.first_of(items(r, "author"), "Practitioner", "author")?,
            custodian_id: self.refs.optional(r.get("custodian"), "Organization", "custodian")?,
            updated_at: self.now.to_owned(),
            confidential,
        };
        self.rows.document_attachments.put(id.clone(), attachments);
        self.rows.documents.put(id, row);
        Ok(())
    }

    pub(super) fn care_plan(&mut self, e: &Entry, id: String) -> Result<(), String> {
        let r = &e.resource;
        let status = required(r, "status")?;
        let intent = required(r, "intent")?;
        let patient_id = self.refs.required(r.get("subject"), "Patient", "subject")?;
        let encounter_id = self.refs.optional(r.get("encounter"), "Encounter", "encounter")?;
        let category = concept(first(r, "category"));
        let (start, end) = json::period(r, "period")?;
        let activities = items(r, "activity").iter().enumerate().map(|(i, a)| activity(&id, i, a)).collect();
        let mut goals: Vec<CarePlanGoal> = Vec::new();
        for goal in items(r, "goal") {
            if let Some(goal_id) = self.refs.optional(Some(goal), "Goal", "goal")?
                && !goals.iter().any(|g| g.goal_id == goal_id)
            {
                goals.push(CarePlanGoal { care_plan_id: id.clone(), goal_id });
            }
        }
        let row = CarePlan {
            id: id.clone(),
            source: self.source.to_owned(),
            source_id: Some(e.source_id.clone()),
            patient_id,
            encounter_id,
            status,
            intent,
            category_system: category.system,
            category_code: category.code,
            category_display: category.display,
            title: text(r, "title"),
            description: text(r, "description"),
            period_start: start.map(|w| w.raw),
            period_end: end.map(|w| w.raw),
            author_id: self.refs.optional(r.get("author"), "Practitioner", "author")?,
            updated_at: self.now.to_owned(),
        };
        self.rows.care_plan_activities.put(id.clone(), activities);
        self.rows.care_plan_goals.put(id.clone(), goals);
        self.rows.care_plans.put(id, row);
        Ok(())
    }

    pub(super) fn goal(&mut self, e: &Entry, id: String) -> Result<(), String> {
        let r = &e.resource;
        let lifecycle_status = required(r, "lifecycleStatus")?;
        let patient_id = self.refs.required(r.get("subject"), "Patient", "subject")?;
        let described = r.get("description");
        let description =
            concept_label(described).ok_or("description is missing, and a goal is nothing without one")?;
        let code = concept(described);
        let target = first(r, "target").unwrap_or(&Value::Null);
        let measure = concept(target.get("measure"));
        let values = TargetValues::read(target)?;
        let row = Goal {
            id: id.clone(),
            source: self.source.to_owned(),
            source_id: Some(e.source_id.clone()),
            patient_id,
            lifecycle_status,
            achievement_status: concept_code(r.get("achievementStatus")),
            description,
            description_system: code.system,
            description_code: code.code,
            target_system: measure.system,
            target_code: measure.code,
            target_display: measure.display,
            target_low: values.low,
            target_high: values.high,
            target_unit: values.unit,
            due_date: json::date_text(target, "dueDate").map_err(|e| format!("target.{e}"))?,
            start_date: json::date_text(r, "startDate")?,
            note: notes(r),
            updated_at: self.now.to_owned(),
        };
        self.rows.goals.put(id, row);
        Ok(())
    }

    pub(super) fn coverage(&mut self, e: &Entry, id: String) -> Result<(), String> {
        let r = &e.resource;
        let status = required(r, "status")?;
        let patient_id = self.refs.required(r.get("beneficiary"), "Patient", "beneficiary")?;
        let kind = concept(r.get("type"));
        let class_named = |wanted: &str| {
            items(r, "class")
                .iter()
                .find(|c| c.get("type").is_some_and(|t| json::has_code(t, wanted)))
                .and_then(|c| text(c, "name").or_else(|| text(c, "value")))
        };
        let member_id = items(r, "identifier")
            .iter()
            .find(|i| i.get("type").is_some_and(|t| json::has_code(t, "MB")))
            .and_then(|i| text(i, "value"));
        let (start, end) = json::period(r, "period")?;
        let row = Coverage {
            id: id.clone(),
            source: self.source.to_owned(),
            source_id: Some(e.source_id.clone()),
            patient_id,
            status,
            type_system: kind.system,
            type_code: kind.code,
            type_display: kind.display,
            subscriber_id: text(r, "subscriberId"),
            relationship: concept_code(r.get("relationship")),
            payor_id: self.refs.first_of(items(r, "payor"), "Organization", "payor")?,
            payor_display: first(r, "payor").and_then(|p| text(p, "display")),
            plan_name: class_named("plan"),
            group_name: class_named("group"),
            member_id,
            period_start: start.map(|w| w.raw),
            period_end: end.map(|w| w.raw),
            updated_at: self.now.to_owned(),
        };
        self.rows.coverages.put(id, row);
        Ok(())
    }
}

/// A care plan activity: its planned detail, or the display of the request it points at.
fn activity(care_plan_id: &str, i: usize, a: &Value) -> CarePlanActivity {
    let detail = a.get("detail").unwrap_or(&Value::Null);
    let code = concept(detail.get("code"));
    CarePlanActivity {
        care_plan_id: care_plan_id.to_owned(),
        seq: seq(i),
        code_system: code.system,
        code: code.code,
        code_display: code.display,
        status: text(detail, "status"),
        description: text(detail, "description")
            .or_else(|| a.get("reference").and_then(|r| text(r, "display"))),
    }
}

/// A goal target's low, high and unit: `detailQuantity` is both ends, `detailRange` each.
#[derive(Debug, Default, PartialEq)]
struct TargetValues {
    low: Option<f64>,
    high: Option<f64>,
    unit: Option<String>,
}

impl TargetValues {
    fn read(target: &Value) -> Result<Self, String> {
        let unit_of = |q: &Value| text(q, "unit").or_else(|| text(q, "code"));
        if let Some(q) = target.get("detailQuantity") {
            let value = json::number(q, "value", "target.detailQuantity.value")?;
            return Ok(Self { low: value, high: value, unit: unit_of(q) });
        }
        let Some(range) = target.get("detailRange") else { return Ok(Self::default()) };
        let (low, high) = (range.get("low"), range.get("high"));
        let value = |q: Option<&Value>, what: &str| match q {
            Some(q) => json::number(q, "value", what),
            None => Ok(None),
        };
        Ok(Self {
            low: value(low, "target.detailRange.low.value")?,
            high: value(high, "target.detailRange.high.value")?,
            unit: low.or(high).and_then(unit_of),
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_goal_target_quantity_is_both_its_low_and_its_high() {
        let target = json!({"detailQuantity": {"value": 7.0, "unit": "%"}});
        assert_eq!(
            TargetValues::read(&target).unwrap(),
            TargetValues { low: Some(7.0), high: Some(7.0), unit: Some("%".into()) }
        );
        let range = json!({"detailRange": {"low": {"value": 90, "unit": "mm[Hg]"}, "high": {"value": 140}}});
        assert_eq!(
            TargetValues::read(&range).unwrap(),
            TargetValues { low: Some(90.0), high: Some(140.0), unit: Some("mm[Hg]".into()) }
        );
    }

    #[test]
    fn an_activity_without_detail_is_described_by_what_it_points_at() {
        let a = json!({"reference": {"reference": "ServiceRequest/1", "display": "Physiotherapy"}});
        assert_eq!(activity("cp", 0, &a).description.as_deref(), Some("Physiotherapy"));
    }
}
