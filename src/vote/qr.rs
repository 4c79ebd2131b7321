//! The QR code of the page address, as a module matrix the app paints (egui rectangles)
//! and as an SVG string for documents.

use qrcode::{EcLevel, QrCode};

/// A QR code as dark and light modules, row by row, without the quiet zone: leave at
/// least four modules of light margin around it when painting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    /// Modules per side.
    pub width: usize,
    /// `width * width` modules, row by row; `true` is dark.
    pub dark: Vec<bool>,
}

impl QrMatrix {
    /// Encodes `text` with error correction level M (15 % of the code may be lost, as a
    /// projector's glare or a phone at an angle does). `None` for text too long for a
    /// QR code, which an address never is.
    pub fn encode(text: &str) -> Option<QrMatrix> {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
        Some(QrMatrix {
            width: code.width(),
            dark: code
                .to_colors()
                .into_iter()
                .map(|c| c == qrcode::Color::Dark)
                .collect(),
        })
    }

    /// Whether the module at column `x`, row `y` is dark (`false` outside).
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.width && self.dark[y * self.width + x]
    }

    /// The code as an SVG document, `size` pixels square at least, quiet zone included.
    pub fn svg(text: &str, size: u32) -> Option<String> {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
        Some(
            code.render::<qrcode::render::svg::Color>()
                .min_dimensions(size, size)
                .quiet_zone(true)
                .build(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_encodes_to_a_square_with_finder_patterns() {
        let qr = QrMatrix::encode("http://192.168.1.23:8047/4821").unwrap();
        assert!(qr.width >= 21);
        assert_eq!(qr.dark.len(), qr.width * qr.width);
        // The finder pattern's corners: dark top-left, top-right and bottom-left.
        assert!(qr.is_dark(0, 0) && qr.is_dark(qr.width - 1, 0) && qr.is_dark(0, qr.width - 1));
        assert!(!qr.is_dark(qr.width, 0));
        let svg = QrMatrix::svg("http://192.168.1.23:8047/4821", 256).unwrap();
        assert!(svg.starts_with("<?xml") && svg.contains("<svg"));
    }
}
