//! Pure types and business rules of Event Manager.
//!
//! Nothing here does I/O: the newtypes are the only way to build a valid value (parse, don't
//! validate), and status machines are methods on their enums, so every rule can be unit-tested
//! without a database or a server.

pub mod bom;
pub mod currency;
pub mod email;
pub mod file_name;
pub mod kinds;
pub mod member_role;
pub mod money;
pub mod password;
pub mod project_status;
pub mod rank;
pub mod schedule;
pub mod search_text;
pub mod status;
pub mod text;
pub mod validation;
pub mod workflow;

pub use currency::Currency;
pub use email::Email;
pub use member_role::MemberRole;
pub use money::{Money, Quantity, round_money};
pub use project_status::{ProjectStatus, TransitionError};
pub use status::{
    BomStatus, MoveRefused, PermitStatus, StageStatus, Status, TaskStatus, TransportStatus,
    check_move,
};
pub use validation::{FieldError, Validator};
