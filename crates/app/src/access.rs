//! The one project-access guard. Every project-scoped use case starts here: it answers 404 for
//! a project the caller cannot see (never revealing that it exists) and 403 for one they can
//! see but may not change.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use eventmgr_domain::MemberRole;
use eventmgr_store::Conn;
use eventmgr_store::entity::{project, project_member};
use eventmgr_store::repo::owners;
use eventmgr_store::repo::projects::{self, Visibility};
use uuid::Uuid;

use crate::{Actor, AppError, Permission};

/// What the caller needs to do with the project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Read,
    Write,
    Manage,
}

/// A project the caller may act on, with their standing in it.
#[derive(Debug, Clone)]
pub struct ProjectAccess {
    pub project: project::Model,
    pub member_role: Option<MemberRole>,
    pub is_admin: bool,
    pub sees_costs: bool,
}

impl ProjectAccess {
    pub fn can_write(&self) -> bool {
        self.is_admin || self.member_role.is_some_and(MemberRole::can_write)
    }

    pub fn can_manage(&self) -> bool {
        self.is_admin || self.member_role.is_some_and(MemberRole::can_manage)
    }
}

/// The projects `actor` may see at all.
pub fn visibility(actor: &Actor) -> Visibility {
    if actor.has(Permission::ProjectsReadAll) {
        Visibility::All
    } else if actor.is_client_user() {
        // A client user without a client sees nothing: a random id matches no project.
        Visibility::OfClient(actor.client_id.unwrap_or_else(Uuid::nil))
    } else {
        Visibility::MemberOf(actor.user_id)
    }
}

/// A read's project access, found by the guard at the HTTP edge and handed once to the use
/// case's own guard for the same project, so that a read does not ask the database the same
/// question twice in one request. Taken at most once and only within [`CheckedAccess::FRESH`]
/// of the check: a long-lived request (the event stream) re-checks against the database.
/// Writes always re-check.
#[derive(Debug, Clone, Default)]
pub struct CheckedAccess(Arc<Mutex<Option<Checked>>>);

/// One handed-over check: the access, when it was found, and for an owned record
/// (`/bom-items/{id}`) which record it was found through.
#[derive(Debug)]
struct Checked {
    access: ProjectAccess,
    at: Instant,
    record: Option<(Owned, Uuid)>,
}

impl CheckedAccess {
    const FRESH: Duration = Duration::from_secs(1);

    /// Called by the edge guard after a successful read check of a project.
    pub fn hand_over(&self, access: ProjectAccess) {
        self.put(access, None);
    }

    /// Called by the edge guard after a successful read check of an owned record: the use
    /// case's [`guard_owned`] for the same record then asks neither for the record's project
    /// nor for the access again.
    pub fn hand_over_owned(&self, access: ProjectAccess, kind: Owned, id: Uuid) {
        self.put(access, Some((kind, id)));
    }

    fn put(&self, access: ProjectAccess, record: Option<(Owned, Uuid)>) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(Checked {
                access,
                at: Instant::now(),
                record,
            });
        }
    }

    fn take_for(&self, project_id: Uuid) -> Option<ProjectAccess> {
        self.take_if(|c| c.access.project.id == project_id)
    }

    fn take_owned(&self, kind: Owned, id: Uuid) -> Option<ProjectAccess> {
        self.take_if(|c| c.record == Some((kind, id)))
    }

    fn take_if(&self, matches: impl FnOnce(&Checked) -> bool) -> Option<ProjectAccess> {
        let mut slot = self.0.lock().ok()?;
        let checked = slot.take()?;
        (matches(&checked) && checked.at.elapsed() < Self::FRESH).then_some(checked.access)
    }
}

/// Loads the project and checks that `actor` may do what `need` says.
pub async fn guard<C: Conn>(
    db: &C,
    actor: &Actor,
    project_id: Uuid,
    need: Need,
    include_deleted: bool,
) -> Result<ProjectAccess, AppError> {
    if need == Need::Read
        && let Some(access) = actor.checked.take_for(project_id)
    {
        // Checked moments ago in this request (with trashed projects included).
        return if include_deleted || access.project.deleted_at.is_none() {
            Ok(access)
        } else {
            Err(AppError::NotFound("project"))
        };
    }
    // The project and the caller's membership in one query (this runs on every request).
    let (project, membership) = projects::find_visible_with_member(
        db,
        project_id,
        visibility(actor),
        include_deleted,
        actor.user_id,
    )
    .await?
    .ok_or(AppError::NotFound("project"))?;
    decide(actor, need, project, membership)
}

/// Whether the caller may do what `need` says in the project read with their membership.
fn decide(
    actor: &Actor,
    need: Need,
    project: project::Model,
    membership: Option<project_member::Model>,
) -> Result<ProjectAccess, AppError> {
    let member_role = if actor.is_client_user() {
        None
    } else {
        membership.and_then(|m| m.role.parse::<MemberRole>().ok())
    };
    let access = ProjectAccess {
        project,
        member_role,
        is_admin: actor.is_admin(),
        sees_costs: actor.has(Permission::CostsRead),
    };
    let allowed = match need {
        Need::Read => true,
        Need::Write => access.can_write(),
        Need::Manage => access.can_manage(),
    };
    if allowed {
        Ok(access)
    } else {
        Err(AppError::Forbidden(match need {
            Need::Manage => "only the project's managers may do this".to_owned(),
            _ => "your role in this project is read-only".to_owned(),
        }))
    }
}

/// Records addressed by their own id (`/bom-items/{id}`, ...) that belong to one project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owned {
    BomItem,
    Permit,
    Transport,
    Task,
    WorkflowStage,
    Board,
    Column,
    Card,
    File,
}

impl Owned {
    pub const ALL: [Owned; 9] = [
        Owned::BomItem,
        Owned::Permit,
        Owned::Transport,
        Owned::Task,
        Owned::WorkflowStage,
        Owned::Board,
        Owned::Column,
        Owned::Card,
        Owned::File,
    ];

    /// The first path segment of the record's own routes.
    pub fn path_segment(self) -> &'static str {
        match self {
            Owned::BomItem => "bom-items",
            Owned::Permit => "permits",
            Owned::Transport => "logistics",
            Owned::Task => "tasks",
            Owned::WorkflowStage => "workflow-stages",
            Owned::Board => "boards",
            Owned::Column => "columns",
            Owned::Card => "cards",
            Owned::File => "files",
        }
    }

    pub fn from_path_segment(segment: &str) -> Option<Owned> {
        Owned::ALL.into_iter().find(|o| o.path_segment() == segment)
    }

    fn owner(self) -> owners::Owner {
        match self {
            Owned::BomItem => owners::Owner::BomItem,
            Owned::Permit => owners::Owner::Permit,
            Owned::Transport => owners::Owner::Transport,
            Owned::Task => owners::Owner::Task,
            Owned::WorkflowStage => owners::Owner::WorkflowStage,
            Owned::Board => owners::Owner::Board,
            Owned::Column => owners::Owner::Column,
            Owned::Card => owners::Owner::Card,
            Owned::File => owners::Owner::File,
        }
    }

    pub fn noun(self) -> &'static str {
        match self {
            Owned::BomItem => "BOM item",
            Owned::Permit => "permit",
            Owned::Transport => "transport",
            Owned::Task => "task",
            Owned::WorkflowStage => "workflow stage",
            Owned::Board => "board",
            Owned::Column => "column",
            Owned::Card => "card",
            Owned::File => "file",
        }
    }
}

/// The guard for a record addressed by its own id: finds its project, then applies
/// [`guard`]. A record of a project the caller cannot see is as absent as a missing one.
pub async fn guard_owned<C: Conn>(
    db: &C,
    actor: &Actor,
    kind: Owned,
    id: Uuid,
    need: Need,
) -> Result<ProjectAccess, AppError> {
    if need == Need::Read
        && let Some(access) = actor.checked.take_owned(kind, id)
    {
        // Checked moments ago in this request, through this very record.
        return if access.project.deleted_at.is_none() {
            Ok(access)
        } else {
            Err(AppError::NotFound(kind.noun()))
        };
    }
    // The record's project, the project and the caller's membership in one query. A record
    // that does not exist and one in a project the caller may not see are the same 404.
    let (project, membership) = projects::find_visible_with_member_of(
        db,
        kind.owner(),
        id,
        visibility(actor),
        actor.user_id,
    )
    .await?
    .ok_or(AppError::NotFound(kind.noun()))?;
    decide(actor, need, project, membership)
}

impl crate::App {
    /// [`guard_owned`] for the HTTP edge.
    pub async fn owned_access(
        &self,
        actor: &Actor,
        kind: Owned,
        id: Uuid,
        need: Need,
    ) -> Result<ProjectAccess, AppError> {
        guard_owned(self.store.conn(), actor, kind, id, need).await
    }

    /// The guard for callers outside this crate (the HTTP edge).
    pub async fn project_access(
        &self,
        actor: &Actor,
        project_id: Uuid,
        need: Need,
    ) -> Result<ProjectAccess, AppError> {
        guard(self.store.conn(), actor, project_id, need, true).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn access_to(id: Uuid) -> ProjectAccess {
        let day = chrono::NaiveDate::from_ymd_opt(2027, 6, 1).unwrap();
        let at = chrono::Utc::now();
        ProjectAccess {
            project: project::Model {
                id,
                name: "Festival".into(),
                description: None,
                status: "PLANNING".into(),
                start_date: day,
                end_date: day,
                build_up_date: None,
                dismantle_date: None,
                venue: None,
                location: None,
                budget: Default::default(),
                currency: "EUR".into(),
                manager_id: None,
                client_id: None,
                created_by: None,
                version: 1,
                created_at: at,
                updated_at: at,
                deleted_at: None,
            },
            member_role: Some(MemberRole::Viewer),
            is_admin: false,
            sees_costs: false,
        }
    }

    #[test]
    fn a_checked_access_is_handed_over_once_and_only_for_its_project() {
        let (mine, other) = (Uuid::now_v7(), Uuid::now_v7());
        let checked = CheckedAccess::default();
        let shared = checked.clone();
        checked.hand_over(access_to(mine));
        assert!(
            shared.take_for(other).is_none(),
            "another project asks the database"
        );
        checked.hand_over(access_to(mine));
        assert_eq!(shared.take_for(mine).map(|a| a.project.id), Some(mine));
        assert!(
            shared.take_for(mine).is_none(),
            "the second check asks the database"
        );
    }

    #[test]
    fn an_owned_record_check_is_handed_over_only_for_that_record() {
        let (project, item, other_item) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let checked = CheckedAccess::default();
        checked.hand_over_owned(access_to(project), Owned::BomItem, item);
        assert!(
            checked.take_owned(Owned::BomItem, other_item).is_none(),
            "another record asks the database"
        );
        checked.hand_over_owned(access_to(project), Owned::BomItem, item);
        assert!(
            checked.take_owned(Owned::Permit, item).is_none(),
            "the same id as another kind asks the database"
        );
        checked.hand_over(access_to(project));
        assert!(
            checked.take_owned(Owned::BomItem, item).is_none(),
            "a project check says nothing about a record"
        );
        checked.hand_over_owned(access_to(project), Owned::BomItem, item);
        assert_eq!(
            checked
                .take_owned(Owned::BomItem, item)
                .map(|a| a.project.id),
            Some(project)
        );
        assert!(
            checked.take_owned(Owned::BomItem, item).is_none(),
            "once only"
        );
    }

    #[test]
    fn a_checked_access_goes_stale_so_long_requests_check_again() {
        let id = Uuid::now_v7();
        let checked = CheckedAccess::default();
        checked.hand_over(access_to(id));
        std::thread::sleep(CheckedAccess::FRESH + Duration::from_millis(50));
        assert!(checked.take_for(id).is_none());
    }
}
