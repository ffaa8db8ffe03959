//! The project (event) lifecycle as a status machine.
//!
//! `PLANNING → CONFIRMED → IN_PRODUCTION → LIVE → WRAP_UP → COMPLETED`, one step forward at a
//! time; a manager may step back one; `CANCELLED` from any state but `COMPLETED`. A cancelled
//! project may be reopened to `PLANNING` by a manager (a cancelled booking that comes back is
//! common in this trade, and re-creating the project would lose its history).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ProjectStatus {
    Planning,
    Confirmed,
    InProduction,
    Live,
    WrapUp,
    Completed,
    Cancelled,
}

/// Why a transition was refused, with the moves that would have been allowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot move a project from {from} to {to}; allowed: {}", allowed_list(.allowed))]
pub struct TransitionError {
    pub from: ProjectStatus,
    pub to: ProjectStatus,
    pub allowed: Vec<ProjectStatus>,
}

fn allowed_list(allowed: &[ProjectStatus]) -> String {
    if allowed.is_empty() {
        "none".to_owned()
    } else {
        allowed
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

const LIFECYCLE: [ProjectStatus; 6] = [
    ProjectStatus::Planning,
    ProjectStatus::Confirmed,
    ProjectStatus::InProduction,
    ProjectStatus::Live,
    ProjectStatus::WrapUp,
    ProjectStatus::Completed,
];

impl ProjectStatus {
    pub const ALL: [ProjectStatus; 7] = [
        ProjectStatus::Planning,
        ProjectStatus::Confirmed,
        ProjectStatus::InProduction,
        ProjectStatus::Live,
        ProjectStatus::WrapUp,
        ProjectStatus::Completed,
        ProjectStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProjectStatus::Planning => "PLANNING",
            ProjectStatus::Confirmed => "CONFIRMED",
            ProjectStatus::InProduction => "IN_PRODUCTION",
            ProjectStatus::Live => "LIVE",
            ProjectStatus::WrapUp => "WRAP_UP",
            ProjectStatus::Completed => "COMPLETED",
            ProjectStatus::Cancelled => "CANCELLED",
        }
    }

    fn position(self) -> Option<usize> {
        LIFECYCLE.iter().position(|s| *s == self)
    }

    /// The states reachable in one move. `may_step_back` is true for the project's managers.
    pub fn allowed_next(self, may_step_back: bool) -> Vec<ProjectStatus> {
        let mut next = Vec::new();
        match self.position() {
            Some(i) => {
                if let Some(forward) = LIFECYCLE.get(i + 1) {
                    next.push(*forward);
                }
                if may_step_back && i > 0 && self != ProjectStatus::Completed {
                    next.push(LIFECYCLE[i - 1]);
                }
                if self != ProjectStatus::Completed {
                    next.push(ProjectStatus::Cancelled);
                }
            }
            None => {
                if may_step_back {
                    next.push(ProjectStatus::Planning);
                }
            }
        }
        next
    }

    /// Checks a move; the error names the allowed moves for the 409 answer.
    pub fn transition(
        self,
        to: ProjectStatus,
        may_step_back: bool,
    ) -> Result<ProjectStatus, TransitionError> {
        let allowed = self.allowed_next(may_step_back);
        if allowed.contains(&to) {
            Ok(to)
        } else {
            Err(TransitionError {
                from: self,
                to,
                allowed,
            })
        }
    }
}

impl fmt::Display for ProjectStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ProjectStatus {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ProjectStatus::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or(())
    }
}

#[cfg(test)]
mod tests {
    use super::ProjectStatus::*;
    use super::*;

    #[test]
    fn forward_one_step_at_a_time() {
        assert_eq!(Planning.transition(Confirmed, false), Ok(Confirmed));
        assert_eq!(Confirmed.transition(InProduction, false), Ok(InProduction));
        assert_eq!(WrapUp.transition(Completed, false), Ok(Completed));
        let err = Planning.transition(Live, false).unwrap_err();
        assert_eq!(err.allowed, vec![Confirmed, Cancelled]);
        assert!(err.to_string().contains("allowed: CONFIRMED, CANCELLED"));
    }

    #[test]
    fn only_managers_step_back_one() {
        assert!(Confirmed.transition(Planning, false).is_err());
        assert_eq!(Confirmed.transition(Planning, true), Ok(Planning));
        assert!(Live.transition(Confirmed, true).is_err());
        assert!(Planning.allowed_next(true) == vec![Confirmed, Cancelled]);
    }

    #[test]
    fn cancel_from_anything_but_completed() {
        for s in [Planning, Confirmed, InProduction, Live, WrapUp] {
            assert_eq!(s.transition(Cancelled, false), Ok(Cancelled), "{s}");
        }
        let err = Completed.transition(Cancelled, true).unwrap_err();
        assert!(err.allowed.is_empty());
        assert!(err.to_string().contains("allowed: none"));
    }

    #[test]
    fn cancelled_reopens_to_planning_for_managers_only() {
        assert!(Cancelled.transition(Planning, false).is_err());
        assert_eq!(Cancelled.transition(Planning, true), Ok(Planning));
        assert!(Cancelled.transition(Confirmed, true).is_err());
    }

    #[test]
    fn no_self_transition() {
        for s in ProjectStatus::ALL {
            assert!(s.transition(s, true).is_err());
        }
    }

    #[test]
    fn names_round_trip() {
        for s in ProjectStatus::ALL {
            assert_eq!(s.as_str().parse::<ProjectStatus>(), Ok(s));
        }
    }
}
