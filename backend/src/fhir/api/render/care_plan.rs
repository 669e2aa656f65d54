//! CarePlan (with its activities and goals) and Goal.

use serde_json::{Value, json};

use super::{FhirRecord as _, coded, concept, decimal, ids, note, reference, resource};
use crate::Db;
use crate::fhir::api::resource_type::ResourceType;
use crate::records::{CarePlan, CarePlanActivity, CarePlanGoal, Goal};

super::fhir_record!(CarePlan, CarePlan, patient: patient_id, refs: [Practitioner: author_id], render: render_plans);
super::fhir_record!(Goal, Goal, patient: patient_id, refs: [], render: render_goals);

async fn render_plans(db: &Db, rows: Vec<CarePlan>) -> anyhow::Result<Vec<Value>> {
    let ids = ids(&rows);
    let mut activities =
        super::children(db, "care_plan_id", &ids, |a: &CarePlanActivity| &a.care_plan_id).await?;
    let mut goals = super::children(db, "care_plan_id", &ids, |g: &CarePlanGoal| &g.care_plan_id).await?;
    Ok(rows
        .iter()
        .map(|c| {
            let activities: Vec<Value> = activities
                .remove(c.id())
                .unwrap_or_default()
                .iter()
                .map(|a| {
                    json!({"detail": {
                        "code": concept(a.code_system.as_deref(), a.code.as_deref(), a.code_display.as_deref()),
                        "status": a.status,
                        "description": a.description,
                    }})
                })
                .collect();
            let mut goals = goals.remove(c.id()).unwrap_or_default();
            goals.sort_by(|a, b| a.goal_id.cmp(&b.goal_id));
            let goals: Vec<Value> =
                goals.iter().map(|g| reference(ResourceType::Goal, Some(&g.goal_id))).collect();
            resource(
                ResourceType::CarePlan,
                &c.id,
                &c.updated_at,
                json!({
                    "status": c.status,
                    "intent": c.intent,
                    "category": [concept(c.category_system.as_deref(), c.category_code.as_deref(), c.category_display.as_deref())],
                    "title": c.title,
                    "description": c.description,
                    "subject": reference(ResourceType::Patient, Some(&c.patient_id)),
                    "encounter": reference(ResourceType::Encounter, c.encounter_id.as_deref()),
                    "period": {"start": c.period_start, "end": c.period_end},
                    "author": reference(ResourceType::Practitioner, c.author_id.as_deref()),
                    "goal": goals,
                    "activity": activities,
                }),
            )
        })
        .collect())
}

async fn render_goals(_: &Db, rows: Vec<Goal>) -> anyhow::Result<Vec<Value>> {
    Ok(rows
        .iter()
        .map(|g| {
            let range = json!({
                "low": {"value": decimal(g.target_low), "unit": g.target_low.and(g.target_unit.as_deref())},
                "high": {"value": decimal(g.target_high), "unit": g.target_high.and(g.target_unit.as_deref())},
            });
            resource(
                ResourceType::Goal,
                &g.id,
                &g.updated_at,
                json!({
                    "lifecycleStatus": g.lifecycle_status,
                    "achievementStatus": coded("http://terminology.hl7.org/CodeSystem/goal-achievement", g.achievement_status.as_deref()),
                    "description": concept(g.description_system.as_deref(), g.description_code.as_deref(), Some(&g.description)),
                    "subject": reference(ResourceType::Patient, Some(&g.patient_id)),
                    "startDate": g.start_date,
                    "target": [{
                        "measure": concept(g.target_system.as_deref(), g.target_code.as_deref(), g.target_display.as_deref()),
                        "detailRange": range,
                        "dueDate": g.due_date,
                    }],
                    "note": note(g.note.as_deref()),
                }),
            )
        })
        .collect())
}
