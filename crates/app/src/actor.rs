//! Who is acting: the authenticated user with their global role and permissions.

use uuid::Uuid;

/// Permission strings a global role grants. `*` grants everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// See every project, not only those one is a member of.
    ProjectsReadAll,
    ProjectsCreate,
    ClientsRead,
    ClientsWrite,
    UsersRead,
    UsersManage,
    /// See budgets, prices and costs.
    CostsRead,
    AuditRead,
    RolesManage,
    SuppliersRead,
    SuppliersWrite,
}

impl Permission {
    pub fn as_str(self) -> &'static str {
        match self {
            Permission::ProjectsReadAll => "projects:read_all",
            Permission::ProjectsCreate => "projects:create",
            Permission::ClientsRead => "clients:read",
            Permission::ClientsWrite => "clients:write",
            Permission::UsersRead => "users:read",
            Permission::UsersManage => "users:manage",
            Permission::CostsRead => "costs:read",
            Permission::AuditRead => "audit:read",
            Permission::RolesManage => "roles:manage",
            Permission::SuppliersRead => "suppliers:read",
            Permission::SuppliersWrite => "suppliers:write",
        }
    }
}

/// Every permission a role may grant (besides `*`).
pub const ALL_PERMISSIONS: [&str; 12] = [
    "projects:create",
    "projects:read_all",
    "clients:read",
    "clients:write",
    "users:read",
    "users:manage",
    "roles:manage",
    "costs:read",
    "audit:read",
    "bom:write",
    "suppliers:read",
    "suppliers:write",
];

/// The permission strings of a role's stored `permissions` JSON list.
pub(crate) fn permission_list(permissions: &serde_json::Value) -> Vec<String> {
    permissions
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|p| p.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

pub(crate) struct BuiltinRole {
    pub name: &'static str,
    pub description: &'static str,
    pub permissions: &'static [&'static str],
}

pub const ROLE_ADMIN: &str = "admin";
pub const ROLE_PROJECT_MANAGER: &str = "project_manager";
pub const ROLE_MEMBER: &str = "member";
pub const ROLE_VIEWER: &str = "viewer";
pub const ROLE_CLIENT: &str = "client";

pub(crate) const BUILTIN_ROLES: [BuiltinRole; 5] = [
    BuiltinRole {
        name: ROLE_ADMIN,
        description: "Everything, in every project",
        permissions: &["*"],
    },
    BuiltinRole {
        name: ROLE_PROJECT_MANAGER,
        description: "Creates projects and manages the projects they manage",
        permissions: &[
            "projects:create",
            "clients:read",
            "clients:write",
            "users:read",
            "costs:read",
            "suppliers:read",
            "suppliers:write",
            "bom:write",
        ],
    },
    BuiltinRole {
        name: ROLE_MEMBER,
        description: "Reads and writes in the projects they belong to",
        permissions: &[
            "clients:read",
            "users:read",
            "costs:read",
            "suppliers:read",
            "bom:write",
        ],
    },
    BuiltinRole {
        name: ROLE_VIEWER,
        description: "Reads the projects they belong to",
        permissions: &["clients:read", "users:read", "suppliers:read"],
    },
    BuiltinRole {
        name: ROLE_CLIENT,
        description: "Reads the projects of their own client, without internal costs",
        permissions: &[],
    },
];

/// Facts about the request an audit entry keeps.
#[derive(Debug, Clone, Default)]
pub struct RequestMeta {
    pub request_id: Option<String>,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

/// The authenticated caller.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: Uuid,
    pub email: String,
    pub role: String,
    pub permissions: Vec<String>,
    /// Set for client-role users: the one client whose projects they see.
    pub client_id: Option<Uuid>,
    /// The login session the access token belongs to (none for API tokens and the CLI).
    pub session_id: Option<Uuid>,
    /// The role requires MFA and the user has not set it up: only the MFA routes answer.
    pub mfa_setup_required: bool,
    /// The project access the HTTP edge's guard found for this request, handed once to the
    /// use case's own guard (reads only; see [`crate::access::CheckedAccess`]).
    pub checked: crate::access::CheckedAccess,
    pub meta: RequestMeta,
}

impl Actor {
    /// An admin acting outside any request (the demo loader, the benchmark generator); the
    /// audit log names `request_id` as the origin of their changes.
    pub fn admin(user_id: Uuid, email: &str, request_id: &str) -> Actor {
        Actor {
            user_id,
            email: email.to_owned(),
            role: "admin".to_owned(),
            permissions: vec!["*".to_owned()],
            client_id: None,
            session_id: None,
            mfa_setup_required: false,
            checked: Default::default(),
            meta: RequestMeta {
                request_id: Some(request_id.to_owned()),
                ..Default::default()
            },
        }
    }

    pub fn is_admin(&self) -> bool {
        self.permissions.iter().any(|p| p == "*")
    }

    pub fn has(&self, permission: Permission) -> bool {
        self.is_admin() || self.permissions.iter().any(|p| p == permission.as_str())
    }

    pub fn require(&self, permission: Permission) -> Result<(), crate::AppError> {
        if self.has(permission) {
            Ok(())
        } else {
            Err(crate::AppError::Forbidden(format!(
                "this needs the permission {}",
                permission.as_str()
            )))
        }
    }

    /// A client-role user is confined to one client's projects.
    pub fn is_client_user(&self) -> bool {
        self.role == ROLE_CLIENT
    }
}
