//! The standard coloured TLP badge, with its text (colour is never the only signal).

use crate::domain::Tlp;
use leptos::prelude::*;

/// A TLP label as a badge; its title explains the audience.
#[component]
pub fn TlpBadge(
    /// The label to show.
    label: Tlp,
) -> impl IntoView {
    view! {
        <span class=format!("tlp tlp-{}", label.code()) title=label.audience()>
            {label.label()}
        </span>
    }
}
