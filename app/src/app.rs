//! The HTML shell, the layout and the one route table.

use crate::components::account_menu::AccountMenu;
use crate::pages::accept_invitation::AcceptInvitationPage;
use crate::pages::account::forgot::ForgotPasswordPage;
use crate::pages::account::overview::AccountPage;
use crate::pages::account::reset::ResetPasswordPage;
use crate::pages::account::sign_in::SignInPage;
use crate::pages::account::tokens::ApiTokensPage;
use crate::pages::admin::audit::AuditLogPage;
use crate::pages::admin::outbox::OutboxPage;
use crate::pages::invite::InvitePage;
use crate::pages::new_council::NewCouncilPage;
use crate::pages::new_organisation::NewOrganisationPage;
use crate::pages::new_working_group::NewWorkingGroupPage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::person::PersonPage;
use crate::pages::public::council::CouncilPage;
use crate::pages::public::home::HomePage;
use crate::pages::public::organisation::OrganisationPage;
use crate::pages::public::partnership::PartnershipPage;
use crate::pages::public::working_group::WorkingGroupPage;
use crate::pages::search::SearchPage;
use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

/// The document around every page. Islands mode: the page is rendered on the server and
/// only the `#[island]` components are hydrated in the browser.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <link rel="stylesheet" id="leptos" href="/pkg/concordat.css"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The application: layout and routes. Every route renders completely before the first
/// byte is sent (`SsrMode::Async`), so that its status code is right and it reads well
/// without JavaScript.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title formatter=|page: String| {
            // leptos_meta writes the title verbatim: escape what pages put in it.
            if page.is_empty() { "Concordat".to_owned() } else { format!("{} · Concordat", crate::domain::text::escape_html(&page)) }
        }/>
        <a class="skip-link" href="#main">"Skip to main content"</a>
        <header class="site-header">
            <div class="wrap">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">"◆"</span>
                    "Concordat"
                </a>
                <nav aria-label="Main">
                    <ul>
                        <li><a href="/">"Partnerships"</a></li>
                        <li><a href="/search">"Search"</a></li>
                    </ul>
                </nav>
                <AccountMenu/>
            </div>
        </header>
        <main id="main" tabindex="-1" class="wrap">
            <Router>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:slug") view=PartnershipPage ssr=SsrMode::Async/>
                    <Route path=path!("/search") view=SearchPage ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/tokens") view=ApiTokensPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/notifications") view=crate::pages::account::notifications::NotificationPreferencesPage ssr=SsrMode::Async/>
                    <Route path=path!("/notifications") view=crate::pages::notifications::NotificationsPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/sign-in") view=SignInPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/forgot") view=ForgotPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/account/reset") view=ResetPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:slug/invite") view=InvitePage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:slug/plan") view=crate::pages::public::plan::PlanPage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:slug/plan/weights") view=crate::pages::plan_weights::PlanWeightsPage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:slug/plan/compare") view=crate::pages::public::plan_compare::PlanComparePage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:slug/plan/versions") view=crate::pages::public::plan_versions::PlanVersionsPage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:slug/plan/v/:number") view=crate::pages::public::plan_version::PlanVersionPage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:slug/plan/v/:number/goals/:goal") view=crate::pages::public::plan_goal::PlanGoalPage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:slug/participation") view=crate::pages::public::participation::ParticipationPage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:slug/focal-points") view=crate::pages::focal_points::FocalPointsPage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:slug/councils/new") view=NewCouncilPage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:slug/councils/:council") view=CouncilPage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:slug/groups/new") view=NewWorkingGroupPage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:slug/groups/:group") view=WorkingGroupPage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:slug/groups/:group/motions") view=crate::pages::motions::GroupMotionsPage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:slug/groups/:group/motions/new") view=crate::pages::motions::NewMotionPage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:slug/motions/:id") view=crate::pages::motion::MotionPage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:slug/dashboard") view=crate::pages::dashboard::DashboardPage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:slug/commitments") view=crate::pages::commitments::CommitmentsPage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:slug/commitments/new") view=crate::pages::commitments::NewCommitmentPage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:slug/commitments/:id") view=crate::pages::commitments::CommitmentPage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:slug/decisions") view=crate::pages::public::decisions::DecisionsPage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:slug/plan/new") view=crate::pages::new_plan_draft::NewPlanDraftPage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:slug/plan/v/:number/workspace") view=crate::pages::plan_workspace::PlanWorkspacePage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:slug/plan/v/:number/outline") view=crate::pages::plan_outline::PlanOutlinePage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:slug/plan/v/:number/sections/:key/edit") view=crate::pages::section_editor::SectionEditorPage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:slug/plan/v/:number/sections/:key/history") view=crate::pages::section_history::SectionHistoryPage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:slug/o/:org") view=OrganisationPage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:slug/organisations/new") view=NewOrganisationPage ssr=SsrMode::Async/>
                    <Route path=path!("/p/:slug/people/:id") view=PersonPage ssr=SsrMode::Async/>
                    <Route path=path!("/invitations/accept") view=AcceptInvitationPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/outbox") view=OutboxPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/audit") view=AuditLogPage ssr=SsrMode::Async/>
                </Routes>
            </Router>
        </main>
        <footer class="site-footer">
            <div class="wrap">
                <p>
                    "Concordat: a registry and workspace for cybersecurity public-private "
                    "partnerships in the healthcare sector. Content is labelled with the "
                    <a href="https://www.first.org/tlp/">"Traffic Light Protocol"</a>
                    "; signed out, you see TLP:CLEAR only."
                </p>
            </div>
        </footer>
    }
}
