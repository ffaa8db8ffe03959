//! The demo's task plan: what an event production does from the first client briefing to
//! the final invoice, stage by stage, with finish-to-start dependencies. The festival gets
//! the whole plan; the smaller productions get the tasks marked `core`.
//!
//! Due dates are days relative to the first show day (negative: before it). Dependencies
//! name earlier tasks only, so creating the tasks in table order can add them as it goes.

/// Who does a task, resolved per project (see `work.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// The project manager.
    Manager,
    /// The first crew member of the project.
    CrewA,
    /// The second crew member, or nobody where the project has only one.
    CrewB,
}

pub struct PlannedTask {
    pub key: &'static str,
    pub title: &'static str,
    /// Index into the default workflow stages (Concept, Planning, ..., Wrap-up).
    pub stage: usize,
    pub who: Who,
    pub hours: &'static str,
    pub priority: &'static str,
    /// Due day relative to the first show day.
    pub due: i64,
    pub after: &'static [&'static str],
    /// Part of every production, not only the festival.
    pub core: bool,
}

/// One table row; positional so the table below reads like a spreadsheet.
#[allow(clippy::too_many_arguments)]
const fn t(
    key: &'static str,
    title: &'static str,
    stage: usize,
    who: Who,
    hours: &'static str,
    priority: &'static str,
    due: i64,
    after: &'static [&'static str],
    core: bool,
) -> PlannedTask {
    PlannedTask {
        key,
        title,
        stage,
        who,
        hours,
        priority,
        due,
        after,
        core,
    }
}

use Who::{CrewA as A, CrewB as B, Manager as M};

const CONCEPT: usize = 0;
const PLANNING: usize = 1;
const PROCUREMENT: usize = 2;
const BUILD_UP: usize = 3;
const SHOW: usize = 4;
const DISMANTLE: usize = 5;
const WRAP_UP: usize = 6;

#[rustfmt::skip]
pub const TASKS: [PlannedTask; 83] = [
    // Concept
    t("brief", "Client briefing and event concept", CONCEPT, M, "16", "HIGH", -270, &[], true),
    t("budget", "Draft budget and cost plan", CONCEPT, M, "24", "HIGH", -255, &["brief"], true),
    t("venue_options", "Shortlist venues and dates", CONCEPT, M, "12", "MEDIUM", -260, &["brief"], false),
    t("survey", "Site survey at the venue", CONCEPT, A, "16", "HIGH", -240, &["brief", "venue_options"], true),
    t("capacity", "Capacity and crowd-flow concept", CONCEPT, B, "20", "HIGH", -225, &["survey"], false),
    t("insurance_quotes", "Request event liability insurance quotes", CONCEPT, M, "6", "MEDIUM", -215, &["brief"], false),
    t("lineup", "Agree headliner slots with the booking agency", CONCEPT, M, "10", "HIGH", -210, &["brief"], false),
    t("site_draft", "Draft site plan (stages, camping, food court)", CONCEPT, A, "24", "HIGH", -215, &["survey"], false),
    t("signoff", "Concept and budget sign-off by the client", CONCEPT, M, "4", "CRITICAL", -205, &["budget", "capacity"], true),
    // Planning
    t("site_plan", "Final site plan for the authorities", PLANNING, A, "32", "CRITICAL", -190, &["survey", "site_draft", "capacity"], true),
    t("safety_concept", "Safety and security concept", PLANNING, B, "40", "CRITICAL", -180, &["site_plan"], true),
    t("fire_concept", "Fire protection concept with the fire brigade", PLANNING, B, "16", "HIGH", -170, &["site_plan"], false),
    t("noise_forecast", "Noise emission forecast", PLANNING, A, "12", "HIGH", -175, &["site_plan"], false),
    t("permits_submitted", "Submit permit applications", PLANNING, M, "8", "CRITICAL", -165, &["safety_concept", "fire_concept", "noise_forecast"], true),
    t("traffic_plan", "Traffic and parking concept", PLANNING, A, "20", "HIGH", -160, &["site_plan"], false),
    t("sanitary", "Sanitary concept (toilets, fresh and waste water)", PLANNING, B, "10", "MEDIUM", -155, &["site_plan"], false),
    t("waste_concept", "Waste management concept", PLANNING, B, "8", "MEDIUM", -150, &["site_plan"], false),
    t("power_plan", "Power distribution plan", PLANNING, A, "16", "HIGH", -150, &["site_plan"], false),
    t("rigging_plot", "Rigging plot for the main stage", PLANNING, A, "12", "HIGH", -140, &["site_plan"], false),
    t("tech_riders", "Collect technical riders from all acts", PLANNING, B, "16", "HIGH", -150, &["lineup"], false),
    t("hospitality_riders", "Collect hospitality riders", PLANNING, B, "8", "MEDIUM", -145, &["lineup"], false),
    t("running_order", "Draft running order for the show days", PLANNING, M, "12", "HIGH", -130, &["tech_riders"], false),
    t("staffing_plan", "Staffing plan (crew, stewards, volunteers)", PLANNING, M, "16", "HIGH", -140, &["safety_concept"], true),
    t("insurance", "Take out event liability insurance", PLANNING, M, "4", "HIGH", -160, &["insurance_quotes"], false),
    t("ticketing", "Set up ticketing and wristbands", PLANNING, B, "12", "MEDIUM", -170, &["capacity"], false),
    t("accreditation", "Accreditation concept (crew, press, artists)", PLANNING, B, "8", "MEDIUM", -135, &["capacity"], false),
    t("medical", "Book medical service and first-aid posts", PLANNING, M, "6", "HIGH", -140, &["safety_concept"], false),
    t("security_tender", "Tender security services", PLANNING, M, "10", "HIGH", -145, &["safety_concept"], false),
    t("radio_plan", "Radio and communication plan", PLANNING, A, "6", "MEDIUM", -125, &["staffing_plan"], false),
    t("weather_plan", "Severe weather and evacuation plan", PLANNING, B, "12", "CRITICAL", -130, &["safety_concept"], false),
    // Procurement
    t("stage_order", "Order stage and structures", PROCUREMENT, M, "8", "CRITICAL", -115, &["rigging_plot", "signoff", "site_plan"], true),
    t("pa_order", "Order PA and monitoring", PROCUREMENT, A, "6", "HIGH", -110, &["tech_riders"], false),
    t("light_order", "Order lighting and video", PROCUREMENT, A, "6", "HIGH", -110, &["tech_riders", "rigging_plot"], false),
    t("power_order", "Order generators and power distribution", PROCUREMENT, A, "4", "HIGH", -105, &["power_plan"], false),
    t("fencing_order", "Order fencing and crowd barriers", PROCUREMENT, B, "4", "HIGH", -100, &["site_plan"], false),
    t("toilets_order", "Order toilet containers", PROCUREMENT, B, "3", "MEDIUM", -95, &["sanitary"], false),
    t("catering_tender", "Catering tender for the food court", PROCUREMENT, M, "12", "MEDIUM", -100, &["site_plan"], false),
    t("security_contract", "Sign the security contract", PROCUREMENT, M, "3", "HIGH", -90, &["security_tender"], false),
    t("hotels", "Book crew and artist hotels", PROCUREMENT, B, "8", "MEDIUM", -80, &["running_order"], false),
    t("water_supply", "Fresh water supply with the utility", PROCUREMENT, B, "4", "MEDIUM", -75, &["sanitary"], false),
    t("merchandise", "Order merchandise", PROCUREMENT, B, "6", "LOW", -70, &["signoff"], false),
    t("trucking", "Book trucking and forklifts", PROCUREMENT, A, "6", "MEDIUM", -60, &["stage_order", "pa_order", "light_order"], false),
    t("crew_catering", "Book crew catering", PROCUREMENT, B, "4", "MEDIUM", -60, &["staffing_plan"], false),
    t("site_office", "Rent site office and crew containers", PROCUREMENT, A, "3", "MEDIUM", -60, &["site_plan"], false),
    t("backline", "Order backline to the riders", PROCUREMENT, A, "6", "MEDIUM", -55, &["tech_riders"], false),
    t("crew_booking", "Book stage hands and riggers", PROCUREMENT, M, "6", "HIGH", -50, &["staffing_plan"], true),
    t("signage", "Design and print site signage", PROCUREMENT, B, "16", "MEDIUM", -45, &["site_plan"], false),
    t("radios", "Rent radios and earpieces", PROCUREMENT, A, "2", "LOW", -40, &["radio_plan"], false),
    t("permits_approved", "Chase outstanding permit approvals", PROCUREMENT, M, "6", "CRITICAL", -40, &["permits_submitted"], false),
    t("budget_review", "Budget review against the orders", PROCUREMENT, M, "6", "HIGH", -35, &["stage_order", "pa_order", "light_order", "catering_tender"], false),
    // Build-up
    t("crew_briefing", "Build-up crew briefing", BUILD_UP, M, "2", "CRITICAL", -9, &["crew_booking", "permits_submitted", "permits_approved"], true),
    t("mark_out", "Mark out the site", BUILD_UP, A, "8", "HIGH", -9, &["crew_briefing"], false),
    t("power_install", "Install power distribution", BUILD_UP, A, "24", "HIGH", -7, &["mark_out", "power_order"], false),
    t("fencing_install", "Build fencing and barriers", BUILD_UP, B, "32", "HIGH", -6, &["mark_out", "fencing_order"], false),
    t("stage_build", "Stage and structure build-up", BUILD_UP, A, "48", "CRITICAL", -5, &["crew_briefing", "mark_out", "stage_order"], true),
    t("rigging", "Rigging and flying system", BUILD_UP, A, "16", "CRITICAL", -4, &["stage_build"], false),
    t("pa_install", "PA install and alignment", BUILD_UP, A, "16", "HIGH", -3, &["rigging", "pa_order"], false),
    t("light_install", "Lighting install and focus", BUILD_UP, A, "20", "HIGH", -3, &["rigging", "light_order"], false),
    t("toilets_install", "Place toilet containers", BUILD_UP, B, "8", "MEDIUM", -4, &["fencing_install", "toilets_order"], false),
    t("food_court", "Build up the food court", BUILD_UP, B, "24", "MEDIUM", -3, &["power_install", "catering_tender"], false),
    t("signage_install", "Put up signage and escape-route signs", BUILD_UP, B, "8", "HIGH", -2, &["fencing_install", "signage"], false),
    t("tech_acceptance", "Technical acceptance by the structural engineer", BUILD_UP, M, "4", "CRITICAL", -2, &["stage_build", "rigging"], true),
    t("safety_walk", "Safety walk with the authorities", BUILD_UP, M, "3", "CRITICAL", -1, &["tech_acceptance", "signage_install", "fencing_install"], true),
    t("soundchecks", "Soundchecks for the headliners", BUILD_UP, A, "8", "HIGH", -1, &["pa_install", "light_install"], false),
    t("steward_briefing", "Steward and security briefing", BUILD_UP, M, "2", "HIGH", -1, &["security_contract", "weather_plan"], false),
    // Show
    t("show_day_one", "Doors open: first show day", SHOW, M, "14", "CRITICAL", 0, &["safety_walk", "steward_briefing"], true),
    t("safety_meeting", "Daily safety meeting", SHOW, M, "1", "HIGH", 0, &["safety_walk"], false),
    t("changeovers", "Stage changeovers", SHOW, A, "30", "HIGH", 2, &["show_day_one"], false),
    t("waste_collection", "Waste collection during the show", SHOW, B, "12", "MEDIUM", 2, &["show_day_one"], false),
    t("show_report", "Daily show reports to the client", SHOW, M, "3", "MEDIUM", 2, &["show_day_one"], false),
    t("last_show_day", "Last show day and curfew", SHOW, M, "12", "CRITICAL", 2, &["changeovers"], false),
    // Dismantle
    t("load_out", "Load-out and dismantle", DISMANTLE, A, "40", "HIGH", 4, &["show_day_one", "last_show_day"], true),
    t("fencing_down", "Dismantle fencing", DISMANTLE, B, "16", "MEDIUM", 4, &["last_show_day"], false),
    t("returns", "Return rental equipment", DISMANTLE, A, "8", "HIGH", 5, &["load_out"], true),
    t("clean_up", "Site clean-up and handover", DISMANTLE, B, "16", "HIGH", 6, &["load_out", "fencing_down"], false),
    t("damage_report", "Document damage and missing items", DISMANTLE, A, "6", "MEDIUM", 6, &["returns"], false),
    // Wrap-up
    t("invoices", "Check supplier invoices", WRAP_UP, M, "16", "HIGH", 20, &["returns"], true),
    t("final_invoice", "Final invoice to the client", WRAP_UP, M, "6", "HIGH", 25, &["invoices"], true),
    t("debrief", "Debrief with the client", WRAP_UP, M, "4", "MEDIUM", 21, &["show_day_one", "show_report"], true),
    t("crew_debrief", "Crew debrief and lessons learned", WRAP_UP, M, "3", "LOW", 14, &["clean_up"], false),
    t("photos", "Archive photos and videos", WRAP_UP, B, "4", "LOW", 14, &["last_show_day"], false),
    t("deposits", "Recover deposits", WRAP_UP, M, "2", "MEDIUM", 30, &["damage_report"], false),
    t("permits_closed", "Close permits with the authorities", WRAP_UP, M, "2", "MEDIUM", 15, &["clean_up"], false),
];

/// Cards on every board that are not tasks (yet): one per default column, so every column
/// shows something. Index = column (To do, In progress, Review, Done).
pub const LOOSE_CARDS: [&str; 4] = [
    "Ask the client for the VIP guest list",
    "Collect quotes for crew shirts",
    "Check the photo release wording",
    "Send the venue our insurance certificate",
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn keys_are_unique_and_dependencies_name_earlier_tasks() {
        let mut seen = HashSet::new();
        for task in &TASKS {
            for dep in task.after {
                assert!(
                    seen.contains(dep),
                    "{} depends on {dep}, not earlier",
                    task.key
                );
            }
            assert!(seen.insert(task.key), "duplicate key {}", task.key);
        }
    }

    #[test]
    fn stages_run_in_order_and_core_tasks_stay_connected() {
        let stage_of = |key: &str| TASKS.iter().find(|t| t.key == key).map(|t| t.stage);
        for task in &TASKS {
            for dep in task.after {
                assert!(
                    stage_of(dep) <= Some(task.stage),
                    "{} before {dep}",
                    task.key
                );
            }
            // A core task's plan still makes sense without the festival-only tasks.
            if task.core && task.key != "brief" {
                assert!(
                    task.after
                        .iter()
                        .any(|d| TASKS.iter().any(|t| t.key == *d && t.core)),
                    "core task {} has no core predecessor",
                    task.key
                );
            }
        }
        assert_eq!(TASKS.iter().filter(|t| t.core).count(), 20);
    }
}
