//! Who is looking: the viewer of a request, and the visibility it implies.
//!
//! Every page and server function asks this module for the current [`Viewer`] and passes it
//! to the database layer, which filters by TLP inside the SQL (see [`Viewer::visibility`]).
//! Accounts arrive with the accounts issue; until then every viewer is the public.

use crate::domain::Tlp;

/// The person behind a request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Viewer {
    /// Signed out: sees TLP:CLEAR only.
    #[default]
    Public,
}

/// The facts the SQL visibility filter binds: the widest label visible to everyone, and
/// the partnership whose TLP:GREEN records this viewer may see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Visibility {
    /// The partnership the viewer is a member of, or -1 (no partnership has that id).
    pub member_of_partnership: i64,
}

impl Viewer {
    /// The viewer of the current request.
    pub fn current() -> Self {
        Viewer::Public
    }

    /// The visibility this viewer has, for the SQL filters in `ssr::db`.
    pub fn visibility(&self) -> Visibility {
        match self {
            Viewer::Public => Visibility {
                member_of_partnership: -1,
            },
        }
    }

    /// The labels this viewer may always see, whatever the record's relations.
    pub fn sees_everywhere(&self, label: Tlp) -> bool {
        label == Tlp::Clear
    }
}
