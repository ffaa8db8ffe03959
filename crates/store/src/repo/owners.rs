//! Which project a row addressed by its own id (`/bom-items/{id}`, `/cards/{id}`, ...)
//! belongs to: the key the project-access guard needs before anything else is read. The
//! guard asks it inside its own query (`projects::find_visible_with_member_of`).

/// Records that belong to one project, directly or through their parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
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

impl Owner {
    /// The query from the record's id to its project id. Fixed text per kind, never built
    /// from input.
    pub(crate) fn sql(self) -> &'static str {
        match self {
            Owner::BomItem => "SELECT project_id FROM bom_items WHERE id = $1",
            Owner::Permit => "SELECT project_id FROM permits WHERE id = $1",
            Owner::Transport => "SELECT project_id FROM logistics WHERE id = $1",
            Owner::Task => "SELECT project_id FROM tasks WHERE id = $1",
            Owner::WorkflowStage => "SELECT project_id FROM workflow_stages WHERE id = $1",
            Owner::Board => "SELECT project_id FROM kanban_boards WHERE id = $1",
            Owner::Column => {
                "SELECT b.project_id AS project_id FROM kanban_columns c \
                 JOIN kanban_boards b ON b.id = c.board_id WHERE c.id = $1"
            }
            Owner::File => "SELECT project_id FROM files WHERE id = $1",
            Owner::Card => {
                "SELECT b.project_id AS project_id FROM kanban_cards k \
                 JOIN kanban_columns c ON c.id = k.column_id \
                 JOIN kanban_boards b ON b.id = c.board_id WHERE k.id = $1"
            }
        }
    }
}
