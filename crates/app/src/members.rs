//! Project members: who may see and work on a project, and in which role.

use chrono::{DateTime, Utc};
use eventmgr_domain::MemberRole;
use eventmgr_store::entity::project_member;
use eventmgr_store::repo::{members, users};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::access::{self, Need};
use crate::audit::{self, Change};
use crate::{Actor, App, AppError};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MemberOut {
    pub project_id: Uuid,
    pub user_id: Uuid,
    #[schema(example = "MEMBER")]
    pub role: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddMember {
    pub user_id: Uuid,
    #[schema(example = "MEMBER")]
    pub role: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateMember {
    pub role: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MemberList {
    pub items: Vec<MemberOut>,
}

fn parse_role(raw: &str) -> Result<MemberRole, AppError> {
    raw.trim().parse().map_err(|_| {
        AppError::field(
            "role",
            "unknown_role",
            "role must be MANAGER, MEMBER or VIEWER",
        )
    })
}

fn out(m: project_member::Model, user: &eventmgr_store::entity::user::Model) -> MemberOut {
    MemberOut {
        project_id: m.project_id,
        user_id: m.user_id,
        role: m.role,
        email: user.email.clone(),
        first_name: user.first_name.clone(),
        last_name: user.last_name.clone(),
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
}

const MANAGER: &str = "MANAGER";

impl App {
    pub async fn list_members(
        &self,
        actor: &Actor,
        project_id: Uuid,
    ) -> Result<MemberList, AppError> {
        let db = self.store.conn();
        access::guard(db, actor, project_id, Need::Read, false).await?;
        let rows = members::list(db, project_id).await?;
        let ids: Vec<Uuid> = rows.iter().map(|m| m.user_id).collect();
        let people = users::find_many(db, &ids).await?;
        let items = rows
            .into_iter()
            .filter_map(|m| {
                let user = people.iter().find(|u| u.id == m.user_id)?;
                Some(out(m, user))
            })
            .collect();
        Ok(MemberList { items })
    }

    pub async fn add_member(
        &self,
        actor: &Actor,
        project_id: Uuid,
        input: AddMember,
    ) -> Result<MemberOut, AppError> {
        let role = parse_role(&input.role)?;
        let txn = self.store.begin().await?;
        access::guard(&txn, actor, project_id, Need::Manage, false).await?;
        let user = users::find(&txn, input.user_id)
            .await?
            .filter(|u| u.is_active);
        let user = user.ok_or_else(|| {
            AppError::field(
                "user_id",
                "unknown_user",
                "user_id must name an active user",
            )
        })?;
        if user.client_id.is_some() {
            return Err(AppError::field(
                "user_id",
                "client_user",
                "client users see their client's projects without membership",
            ));
        }
        if members::find(&txn, project_id, user.id).await?.is_some() {
            return Err(AppError::Conflict(
                "the user is already a member of this project".to_owned(),
            ));
        }
        let at = eventmgr_store::now();
        let model = project_member::Model {
            project_id,
            user_id: user.id,
            role: role.as_str().to_owned(),
            version: 1,
            created_at: at,
            updated_at: at,
        };
        members::insert(&txn, model.clone()).await?;
        audit::record(
            &txn,
            actor,
            Change {
                action: "member.add",
                entity_type: "project_member",
                entity_id: user.id,
                project_id: Some(project_id),
                changes: Some(serde_json::json!({"role": role.as_str()})),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(out(model, &user))
    }

    pub async fn update_member(
        &self,
        actor: &Actor,
        project_id: Uuid,
        user_id: Uuid,
        expected_version: Option<i64>,
        input: UpdateMember,
    ) -> Result<MemberOut, AppError> {
        let role = parse_role(&input.role)?;
        let txn = self.store.begin().await?;
        access::guard(&txn, actor, project_id, Need::Manage, false).await?;
        let current = members::find(&txn, project_id, user_id)
            .await?
            .ok_or(AppError::NotFound("member"))?;
        audit::check_version(expected_version, current.version)?;
        if current.role == MANAGER
            && role != MemberRole::Manager
            && members::count_with_role(&txn, project_id, MANAGER).await? <= 1
        {
            return Err(AppError::Conflict(
                "a project keeps at least one manager; make someone else manager first".to_owned(),
            ));
        }
        let mut next = current.clone();
        next.role = role.as_str().to_owned();
        next.version = current.version + 1;
        next.updated_at = eventmgr_store::now();
        audit::written(
            members::update(&txn, next.clone(), current.version).await?,
            current.version,
        )?;
        let user = users::find(&txn, user_id)
            .await?
            .ok_or(AppError::NotFound("member"))?;
        audit::record(
            &txn,
            actor,
            Change {
                action: "member.update",
                entity_type: "project_member",
                entity_id: user_id,
                project_id: Some(project_id),
                changes: Some(
                    serde_json::json!({"role": {"before": current.role, "after": role.as_str()}}),
                ),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(out(next, &user))
    }

    pub async fn remove_member(
        &self,
        actor: &Actor,
        project_id: Uuid,
        user_id: Uuid,
        expected_version: Option<i64>,
    ) -> Result<(), AppError> {
        let txn = self.store.begin().await?;
        access::guard(&txn, actor, project_id, Need::Manage, false).await?;
        let current = members::find(&txn, project_id, user_id)
            .await?
            .ok_or(AppError::NotFound("member"))?;
        audit::check_version(expected_version, current.version)?;
        if current.role == MANAGER
            && members::count_with_role(&txn, project_id, MANAGER).await? <= 1
        {
            return Err(AppError::Conflict(
                "a project keeps at least one manager; make someone else manager first".to_owned(),
            ));
        }
        members::delete(&txn, project_id, user_id).await?;
        audit::record(
            &txn,
            actor,
            Change {
                action: "member.remove",
                entity_type: "project_member",
                entity_id: user_id,
                project_id: Some(project_id),
                changes: None,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}
