//! Status machines of the production records (BOM items, permits, transports), declared as
//! data: every state lists the states it may move to, and one function checks a move and
//! names the allowed ones when it refuses.
//!
//! The project lifecycle (`project_status.rs`) has its own type because its rules depend on
//! who moves it (managers may step back); these do not.

use std::fmt;

use crate::validation::FieldError;

/// A status enum whose moves are declared by [`Status::next`].
pub trait Status: Copy + Eq + fmt::Debug + 'static {
    /// What the status belongs to, for messages ("BOM item").
    const ENTITY: &'static str;
    const ALL: &'static [Self];
    fn as_str(self) -> &'static str;
    /// The states this one may move to (a move to the same state is always a no-op).
    fn next(self) -> &'static [Self];

    fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let wanted = raw.trim().to_ascii_uppercase();
        Self::ALL
            .iter()
            .copied()
            .find(|s| s.as_str() == wanted)
            .ok_or_else(|| {
                FieldError::new(
                    field,
                    "invalid_status",
                    format!("{field} must be one of {}", list(Self::ALL)),
                )
            })
    }
}

fn list<S: Status>(states: &[S]) -> String {
    if states.is_empty() {
        return "none".to_owned();
    }
    states
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A refused move, worded for a 409 answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a {entity} cannot move from {from} to {to}; allowed from {from}: {allowed}")]
pub struct MoveRefused {
    pub entity: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub allowed: String,
}

/// Checks the move `from → to`.
pub fn check_move<S: Status>(from: S, to: S) -> Result<S, MoveRefused> {
    if from == to || from.next().contains(&to) {
        Ok(to)
    } else {
        Err(MoveRefused {
            entity: S::ENTITY,
            from: from.as_str(),
            to: to.as_str(),
            allowed: list(from.next()),
        })
    }
}

/// Declares a status enum with its wire names and its moves.
macro_rules! status_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $entity:literal,
        { $($variant:ident = $wire:literal => [$($next:ident),*]),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl $crate::status::Status for $name {
            const ENTITY: &'static str = $entity;
            const ALL: &'static [Self] = &[$($name::$variant),+];
            fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }
            fn next(self) -> &'static [Self] {
                match self { $($name::$variant => &[$($name::$next),*]),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str($crate::status::Status::as_str(*self))
            }
        }
    };
}

status_enum!(
    /// A BOM line from planning to the return of rented goods. Skipping ahead is allowed
    /// (a booking is often entered already confirmed), stepping back one corrects a mistake,
    /// and cancelling is possible until the goods are on site; a cancelled line may be
    /// planned again.
    BomStatus, "BOM item", {
        Planned = "PLANNED" => [Requested, Ordered, Confirmed, Cancelled],
        Requested = "REQUESTED" => [Ordered, Confirmed, Planned, Cancelled],
        Ordered = "ORDERED" => [Confirmed, Delivered, Requested, Cancelled],
        Confirmed = "CONFIRMED" => [Delivered, Ordered, Cancelled],
        Delivered = "DELIVERED" => [Returned, Confirmed],
        Returned = "RETURNED" => [Delivered],
        Cancelled = "CANCELLED" => [Planned],
    }
);

status_enum!(
    /// An authority approval: prepared, submitted, then decided. Only NEEDS_INFO goes back
    /// to SUBMITTED; a decision is final (a rejected application is a new permit).
    PermitStatus, "permit", {
        Pending = "PENDING" => [Submitted],
        Submitted = "SUBMITTED" => [Approved, Rejected, NeedsInfo],
        NeedsInfo = "NEEDS_INFO" => [Submitted],
        Approved = "APPROVED" => [],
        Rejected = "REJECTED" => [],
    }
);

status_enum!(
    /// A transport. A delivery nobody tracked while on the road may go from SCHEDULED
    /// straight to DELIVERED; stepping back one corrects a mistake; a delivered transport
    /// cannot be cancelled, a cancelled one may be planned again.
    TransportStatus, "transport", {
        Planned = "PLANNED" => [Scheduled, Cancelled],
        Scheduled = "SCHEDULED" => [InTransit, Delivered, Planned, Cancelled],
        InTransit = "IN_TRANSIT" => [Delivered, Scheduled, Cancelled],
        Delivered = "DELIVERED" => [InTransit],
        Cancelled = "CANCELLED" => [Planned],
    }
);

status_enum!(
    /// Tasks move freely between the working states, as on a board; two moves make no
    /// sense and are refused: a BLOCKED task is unblocked before it is finished, and a DONE
    /// task is reopened rather than blocked. DONE additionally needs every dependency DONE
    /// (checked by the use case, which knows the dependencies).
    TaskStatus, "task", {
        Todo = "TODO" => [InProgress, Review, Done, Blocked],
        InProgress = "IN_PROGRESS" => [Todo, Review, Done, Blocked],
        Review = "REVIEW" => [InProgress, Done, Todo, Blocked],
        Done = "DONE" => [Review, InProgress, Todo],
        Blocked = "BLOCKED" => [Todo, InProgress, Review],
    }
);

status_enum!(
    /// A workflow stage: PENDING until it starts, ACTIVE while the production is in it, DONE
    /// after. An ACTIVE stage may step back to PENDING and a DONE one be reopened.
    StageStatus, "workflow stage", {
        Pending = "PENDING" => [Active],
        Active = "ACTIVE" => [Done, Pending],
        Done = "DONE" => [Active],
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_case_insensitively_and_names_the_choices() {
        assert_eq!(
            BomStatus::parse("status", "ordered").unwrap(),
            BomStatus::Ordered
        );
        let err = PermitStatus::parse("status", "DONE").unwrap_err();
        assert!(
            err.message.contains("PENDING, SUBMITTED"),
            "{}",
            err.message
        );
    }

    #[test]
    fn bom_moves() {
        use BomStatus::*;
        assert!(check_move(Planned, Confirmed).is_ok());
        assert!(check_move(Confirmed, Ordered).is_ok());
        assert!(check_move(Delivered, Cancelled).is_err());
        assert!(check_move(Returned, Planned).is_err());
        assert!(check_move(Cancelled, Planned).is_ok());
        assert!(check_move(Ordered, Ordered).is_ok());
        let refused = check_move(Planned, Returned).unwrap_err();
        assert_eq!(
            refused.to_string(),
            "a BOM item cannot move from PLANNED to RETURNED; allowed from PLANNED: REQUESTED, ORDERED, CONFIRMED, CANCELLED"
        );
    }

    #[test]
    fn permit_moves() {
        use PermitStatus::*;
        assert!(check_move(Pending, Submitted).is_ok());
        assert!(check_move(Pending, Approved).is_err());
        assert!(check_move(NeedsInfo, Submitted).is_ok());
        assert!(check_move(Rejected, Submitted).is_err());
        let refused = check_move(Approved, Pending).unwrap_err();
        assert!(refused.to_string().ends_with("allowed from APPROVED: none"));
    }

    #[test]
    fn transport_moves() {
        use TransportStatus::*;
        assert!(check_move(Scheduled, Delivered).is_ok());
        assert!(check_move(Planned, Delivered).is_err());
        assert!(check_move(Delivered, Cancelled).is_err());
        assert!(check_move(Cancelled, Planned).is_ok());
    }

    #[test]
    fn every_declared_move_targets_a_listed_state() {
        fn closed<S: Status>() {
            for s in S::ALL {
                for n in s.next() {
                    assert!(S::ALL.contains(n));
                    assert_ne!(s, n, "{s:?} lists itself");
                }
            }
        }
        closed::<BomStatus>();
        closed::<PermitStatus>();
        closed::<TransportStatus>();
    }
}
