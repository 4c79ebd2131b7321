//! The phone-vote panel on the projection: the QR code of the vote page, the address to
//! type, how many phones are connected and have voted, and what to do when none connects.
//! Drawing only (the server is `phones.rs`), so the projection can use it.

use bevy_egui::egui::{self, Color32, RichText};

use super::i18n::Strings;
use crate::vote::{QrMatrix, VoteServer};

/// What the projection shows of the running vote server.
#[derive(Debug, Clone, PartialEq)]
pub struct PhonePanel {
    /// `192.168.1.23:8047/4821`, to type.
    pub short_address: String,
    /// The same with `http://`, in the QR code.
    pub url: String,
    pub qr: QrMatrix,
    /// Only this laptop can reach it: no local network was found.
    pub loopback: bool,
}

impl PhonePanel {
    pub fn of(server: &VoteServer) -> PhonePanel {
        PhonePanel {
            short_address: server.short_address(),
            url: server.url(),
            qr: server.qr(),
            loopback: server.local_addr().ip().is_loopback(),
        }
    }
}

/// The QR code, the address to type, and how many phones are connected and voted; with
/// the way out when none connects (guest Wi-Fi isolates devices).
pub fn phone_panel(
    ui: &mut egui::Ui,
    s: &Strings,
    panel: &PhonePanel,
    connected: usize,
    votes: u32,
    k: f32,
) {
    ui.vertical_centered(|ui| {
        ui.label(RichText::new(s.phones_scan).size(24.0 * k).strong());
        ui.add_space(8.0 * k);
        let side = (ui.available_width() - 8.0).clamp(120.0, 520.0 * k.max(0.5));
        qr_code(ui, &panel.qr, side);
        ui.add_space(6.0 * k);
        let address = ui.label(
            RichText::new(&panel.short_address)
                .size(28.0 * k)
                .strong()
                .monospace(),
        );
        super::marks::mark(ui, "phone_address", address.rect);
        ui.add_space(10.0 * k);
        ui.label(RichText::new(s.phones_connected(connected)).size(24.0 * k));
        ui.label(RichText::new(s.votes_cast(votes)).size(24.0 * k).strong());
        if panel.loopback {
            ui.add_space(8.0 * k);
            ui.label(
                RichText::new(s.phones_loopback)
                    .size(20.0 * k)
                    .color(super::widgets::PITFALL),
            );
        } else if connected == 0 {
            ui.add_space(8.0 * k);
            ui.label(RichText::new(s.phones_none_yet).size(20.0 * k).weak());
        }
    });
}

/// Paints the QR code `side` points square with its light quiet zone (four modules), so
/// it scans on a dark theme too.
fn qr_code(ui: &mut egui::Ui, qr: &QrMatrix, side: f32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::hover());
    let painter = ui.painter();
    painter.rect_filled(rect, 6.0, Color32::WHITE);
    if qr.width == 0 {
        return;
    }
    let modules = (qr.width + 8) as f32;
    let cell = side / modules;
    for y in 0..qr.width {
        for x in 0..qr.width {
            if qr.is_dark(x, y) {
                let min = rect.min + egui::vec2((x + 4) as f32 * cell, (y + 4) as f32 * cell);
                // A hair wider, so neighbouring modules leave no seams.
                let cell_rect = egui::Rect::from_min_size(min, egui::vec2(cell + 0.5, cell + 0.5));
                painter.rect_filled(cell_rect, 0.0, Color32::BLACK);
            }
        }
    }
    super::marks::mark(ui, "phone_qr", rect);
}
