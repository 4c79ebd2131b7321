//! The app's flow: which screen is showing, how the scenario is played, and the one
//! ordering of systems every screen follows.

use bevy::prelude::*;

use crate::records::Mode;

/// The screens. Each one has its own plugin and UI system that runs only in its state.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Library,
    Briefing,
    Conversation,
    Debrief,
    Facilitator,
    Author,
    Settings,
    /// "Mijn voortgang": progress across days and what to practise next.
    Progress,
}

/// How the chosen scenario is played (the record's [`Mode`], as the app's resource).
/// Classroom is a mode, not a screen: the briefing, conversation and debrief switch to
/// the projection layout.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq, Default, Deref, DerefMut)]
pub struct PlayMode(pub Mode);

/// Top-bar navigation, shared by every screen.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Navigate(pub Screen);

/// The app-wide order of systems within `Update`: read input, apply the screens' actions,
/// then tidy up (autosave, reloads).
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppSystems {
    Input,
    Apply,
    After,
}

/// The order within each egui pass: the keys that work on every screen (the presenter's
/// clicker, black screen) first, so that a blacked-out projection swallows the keys
/// before any screen sees them; then the screen.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PassSystems {
    Presenter,
    Screen,
}

pub(super) fn plugin(app: &mut App) {
    app.configure_sets(
        bevy_egui::EguiPrimaryContextPass,
        (PassSystems::Presenter, PassSystems::Screen).chain(),
    );
    app.init_state::<Screen>()
        .init_resource::<PlayMode>()
        .add_message::<Navigate>()
        // Background work asks for a redraw when it is done. Registered by bevy_window in
        // the real app; headless tests have no window.
        .add_message::<bevy::window::RequestRedraw>()
        .configure_sets(
            Update,
            (AppSystems::Input, AppSystems::Apply, AppSystems::After).chain(),
        )
        .add_systems(Update, navigate.in_set(AppSystems::Apply))
        .add_systems(
            bevy_egui::EguiPrimaryContextPass,
            fresh_screen
                .run_if(state_changed::<Screen>)
                .before(PassSystems::Presenter),
        );
}

/// A new screen starts with nothing focused and at the top of its page: a focus left on
/// the last screen's widget would scroll the new page to whatever widget shares its id,
/// and a debrief opened again would keep the last one's scroll position.
fn fresh_screen(mut contexts: bevy_egui::EguiContexts) -> Result {
    fresh_page(contexts.ctx_mut()?);
    Ok(())
}

/// What [`fresh_screen`] does, for a screen that turns to a new page of its own (the
/// debrief from the trainee's own view to the scores).
pub fn fresh_page(ctx: &bevy_egui::egui::Context) {
    ctx.memory_mut(|m| {
        if let Some(id) = m.focused() {
            m.surrender_focus(id);
        }
        let visit = m.data.get_temp_mut_or_default::<u64>(egui_visit_id());
        *visit = visit.wrapping_add(1);
    });
}

/// Where the number of screen changes so far is kept; `widgets::page` salts its scroll
/// area's id with it.
pub fn egui_visit_id() -> bevy_egui::egui::Id {
    bevy_egui::egui::Id::new("screen_visit")
}

fn navigate(mut reader: MessageReader<Navigate>, mut next: ResMut<NextState<Screen>>) {
    if let Some(Navigate(screen)) = reader.read().last() {
        next.set(*screen);
    }
}
