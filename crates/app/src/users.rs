//! Users: the public shape of an account and creating accounts (CLI and demo; the `/users`
//! API follows with the identity issue).

use chrono::{DateTime, Utc};
use eventmgr_domain::{Email, Validator, password, text};
use eventmgr_store::entity::user;
use eventmgr_store::repo::{roles, users};
use serde::Serialize;
use uuid::Uuid;

use crate::{App, AppError};

/// A user as other users see it: never the password hash or MFA secret.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct UserOut {
    pub id: Uuid,
    pub email: String,
    pub username: String,
    pub first_name: String,
    pub last_name: String,
    pub role: String,
    pub client_id: Option<Uuid>,
    pub is_active: bool,
    pub mfa_enabled: bool,
    pub last_login_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

/// The signed-in user with what their role allows, so that a client offers only the actions
/// that will succeed.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MeOut {
    #[serde(flatten)]
    pub user: UserOut,
    /// The role's permissions (`projects:create`, `costs:read`, …); `*` for admins.
    pub permissions: Vec<String>,
    /// The role requires MFA and it is not set up yet.
    pub mfa_setup_required: bool,
}

impl UserOut {
    pub fn from_model(m: &user::Model, role: &str) -> UserOut {
        UserOut {
            id: m.id,
            email: m.email.clone(),
            username: m.username.clone(),
            first_name: m.first_name.clone(),
            last_name: m.last_name.clone(),
            role: role.to_owned(),
            client_id: m.client_id,
            is_active: m.is_active,
            mfa_enabled: m.mfa_enabled,
            last_login_at: m.last_login_at,
            created_at: m.created_at,
            updated_at: m.updated_at,
            version: m.version,
        }
    }
}

/// A new account as the CLI or the demo asks for it.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: String,
    /// "First Last"; the last word is the last name.
    pub name: String,
    pub role: String,
    pub password: String,
    pub client_id: Option<Uuid>,
}

/// Splits "Anna Maria Schmidt" into ("Anna Maria", "Schmidt").
fn split_name(name: &str) -> (String, String) {
    let name = name.trim();
    match name.rsplit_once(char::is_whitespace) {
        Some((first, last)) => (first.trim().to_owned(), last.trim().to_owned()),
        None => (name.to_owned(), String::new()),
    }
}

impl App {
    /// Creates an account. Refuses a duplicate email, an unknown role and a weak password.
    pub async fn create_user(&self, new: NewUser) -> Result<UserOut, AppError> {
        let mut v = Validator::new();
        let email = v.check(Email::parse("email", &new.email));
        let name = v.check(text::required("name", &new.name, 200));
        v.check(password::check("password", &new.password));
        v.finish()?;
        let (Some(email), Some(name)) = (email, name) else {
            return Err(AppError::Internal("validated values missing".to_owned()));
        };
        let db = self.store.conn();
        let role = roles::find_by_name(db, &new.role).await?.ok_or_else(|| {
            AppError::field(
                "role",
                "unknown_role",
                format!("role must be one of the defined roles, not '{}'", new.role),
            )
        })?;
        let hash = crate::auth::hash_password(new.password).await?;
        let (first_name, last_name) = split_name(&name);
        let base_username: String = email
            .as_str()
            .split('@')
            .next()
            .unwrap_or("user")
            .chars()
            .take(56)
            .collect();

        let txn = self.store.begin().await?;
        if users::find_by_email(&txn, email.as_str()).await?.is_some() {
            return Err(AppError::Conflict(format!(
                "a user with the email {email} already exists"
            )));
        }
        let at = eventmgr_store::now();
        let mut model = user::Model {
            id: Uuid::now_v7(),
            email: email.as_str().to_owned(),
            username: base_username.clone(),
            first_name,
            last_name,
            password_hash: Some(hash),
            role_id: role.id,
            client_id: new.client_id,
            is_active: true,
            locale: None,
            mfa_secret: None,
            mfa_enabled: false,
            mfa_last_step: None,
            mfa_pending_secret: None,
            last_login_at: None,
            version: 1,
            created_at: at,
            updated_at: at,
            deleted_at: None,
        };
        // Usernames derive from the email; a clash gets a numeric suffix.
        let mut suffix = 1;
        loop {
            match users::insert(&txn, model.clone()).await {
                Ok(()) => break,
                Err(e) if e.is_unique_on("users", "username") && suffix < 100 => {
                    suffix += 1;
                    model.username = format!("{base_username}{suffix}");
                }
                Err(e) if e.is_unique_on("users", "email") => {
                    return Err(AppError::Conflict(format!(
                        "a user with the email {email} already exists"
                    )));
                }
                Err(e) => return Err(e.into()),
            }
        }
        eventmgr_store::repo::audit::record(
            &txn,
            eventmgr_store::repo::audit::AuditEntry {
                actor_label: Some("system".to_owned()),
                action: "user.create".to_owned(),
                entity_type: "user".to_owned(),
                entity_id: Some(model.id),
                changes: Some(serde_json::json!({"email": model.email, "role": role.name})),
                ..Default::default()
            },
        )
        .await?;
        txn.commit().await?;
        Ok(UserOut::from_model(&model, &role.name))
    }

    /// The caller's own account.
    pub async fn me(&self, actor: &crate::Actor) -> Result<MeOut, AppError> {
        let user = users::find(self.store.conn(), actor.user_id)
            .await?
            .ok_or(AppError::NotFound("user"))?;
        Ok(MeOut {
            user: UserOut::from_model(&user, &actor.role),
            permissions: actor.permissions.clone(),
            mfa_setup_required: actor.mfa_setup_required,
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn splits_names() {
        assert_eq!(
            super::split_name("Anna Maria Schmidt"),
            ("Anna Maria".into(), "Schmidt".into())
        );
        assert_eq!(super::split_name("Cher"), ("Cher".into(), "".into()));
    }
}
