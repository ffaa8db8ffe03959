//! `users`: people who log in.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub email: String,
    pub username: String,
    pub first_name: String,
    pub last_name: String,
    pub password_hash: Option<String>,
    pub role_id: Uuid,
    pub client_id: Option<Uuid>,
    pub is_active: bool,
    pub locale: Option<String>,
    pub mfa_secret: Option<String>,
    pub mfa_enabled: bool,
    /// The last TOTP time step accepted: a code (and any older one) works once only.
    pub mfa_last_step: Option<i64>,
    /// A secret set up but not yet confirmed with a code (encrypted like `mfa_secret`).
    pub mfa_pending_secret: Option<String>,
    pub last_login_at: Option<DateTimeUtc>,
    pub version: i64,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

/// The user's role, read with the user on every authenticated request.
impl Related<super::user_role::Entity> for Entity {
    fn to() -> RelationDef {
        Entity::belongs_to(super::user_role::Entity)
            .from(Column::RoleId)
            .to(super::user_role::Column::Id)
            .into()
    }
}

impl ActiveModelBehavior for ActiveModel {}
