//! Workflow stages: the phases every new project starts with unless the request names others.

/// The default phases of an event production, in order.
pub const DEFAULT_STAGES: [&str; 7] = [
    "Concept",
    "Planning",
    "Procurement",
    "Build-up",
    "Show",
    "Dismantle",
    "Wrap-up",
];

#[cfg(test)]
mod tests {
    #[test]
    fn seven_distinct_stages() {
        let mut names = super::DEFAULT_STAGES.to_vec();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 7);
    }
}
