//! A user's role inside one project (distinct from the global role).

use std::str::FromStr;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MemberRole {
    /// Manages the project: edits everything, manages members, steps the status back.
    Manager,
    /// Reads and writes the project's content.
    Member,
    /// Reads only.
    Viewer,
}

impl MemberRole {
    pub const ALL: [MemberRole; 3] = [MemberRole::Manager, MemberRole::Member, MemberRole::Viewer];

    pub fn as_str(self) -> &'static str {
        match self {
            MemberRole::Manager => "MANAGER",
            MemberRole::Member => "MEMBER",
            MemberRole::Viewer => "VIEWER",
        }
    }

    pub fn can_write(self) -> bool {
        matches!(self, MemberRole::Manager | MemberRole::Member)
    }

    pub fn can_manage(self) -> bool {
        self == MemberRole::Manager
    }
}

impl FromStr for MemberRole {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        MemberRole::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rights_by_role() {
        assert!(MemberRole::Manager.can_manage() && MemberRole::Manager.can_write());
        assert!(!MemberRole::Member.can_manage() && MemberRole::Member.can_write());
        assert!(!MemberRole::Viewer.can_write());
        for r in MemberRole::ALL {
            assert_eq!(r.as_str().parse::<MemberRole>(), Ok(r));
        }
        assert!("manager".parse::<MemberRole>().is_err());
    }
}
