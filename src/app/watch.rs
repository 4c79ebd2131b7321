//! The file watcher (the `notify` crate, set up here only): every `--scenarios` folder is
//! watched, and a change to a `.ron` file wakes the event loop and reloads the library, so
//! an author sees an edit at once while the app otherwise sleeps (nothing polls).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use bevy::prelude::*;
use bevy::winit::{EventLoopProxyWrapper, WinitUserEvent};

use super::AppConfig;
use super::catalog::{Analysing, Catalog};
use super::state::AppSystems;

/// Set by the file watcher's thread when a scenario file changed.
#[derive(Resource, Default)]
pub struct Changed {
    flag: Arc<AtomicBool>,
    pub reloads: u32,
    // Kept alive for as long as the app runs.
    _watcher: Option<notify::RecommendedWatcher>,
}

impl Changed {
    /// Reloads the library on the next frame, as if the watcher had seen a change.
    pub fn request_reload(&self) {
        self.flag.store(true, Ordering::Release);
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Changed>()
        .add_systems(Startup, watch)
        .add_systems(Update, reload_when_changed.in_set(AppSystems::Input));
}

/// Starts a watcher on every `--scenarios` folder; a change sets the flag and wakes the
/// event loop, so the app sleeps when nothing changes.
fn watch(
    config: Option<Res<AppConfig>>,
    proxy: Option<Res<EventLoopProxyWrapper>>,
    mut changed: ResMut<Changed>,
) {
    use notify::Watcher;
    let Some(config) = config else { return };
    if config.extra_scenario_dirs.is_empty() {
        return;
    }
    let flag = changed.flag.clone();
    let proxy = proxy.map(|p| (**p).clone());
    let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let relevant = event.is_ok_and(|e| {
            !e.kind.is_access()
                && e.paths
                    .iter()
                    .any(|p| p.extension().is_some_and(|x| x == "ron"))
        });
        if relevant {
            flag.store(true, Ordering::Release);
            if let Some(proxy) = &proxy {
                let _ = proxy.send_event(WinitUserEvent::WakeUp);
            }
        }
    });
    match watcher {
        Ok(mut watcher) => {
            for dir in &config.extra_scenario_dirs {
                if let Err(err) = watcher.watch(dir, notify::RecursiveMode::Recursive) {
                    warn!("cannot watch {}: {err}", dir.display());
                }
            }
            changed._watcher = Some(watcher);
        }
        Err(err) => warn!("no live reload: {err}"),
    }
}

fn reload_when_changed(
    mut changed: ResMut<Changed>,
    config: Option<Res<AppConfig>>,
    proxy: Option<Res<EventLoopProxyWrapper>>,
    mut catalog: ResMut<Catalog>,
    mut analysing: ResMut<Analysing>,
    mut redraw: MessageWriter<bevy::window::RequestRedraw>,
) {
    if !changed.flag.swap(false, Ordering::AcqRel) {
        return;
    }
    if let Some(config) = config {
        *catalog = Catalog::load(&config);
        analysing.start(&catalog, proxy.as_deref());
        changed.reloads += 1;
        redraw.write(bevy::window::RequestRedraw);
    }
}
