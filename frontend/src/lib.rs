//! The browser entry point: hydrates the server-rendered islands, nothing else.

// Link the application crate: its `#[island]` components export the functions that
// `hydrate_islands` looks up by name. Without a use of the crate they are left out.
#[expect(
    unused_extern_crates,
    reason = "nothing is called by name; the crate is linked for its exported islands"
)]
extern crate app;

/// Called by the hydration script that the server puts in every page.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
