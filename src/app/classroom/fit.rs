//! The projection's fit: the text scale and option layout, found by laying out, measuring
//! and shrinking until everything fits without scrolling, at a size the back row still
//! reads.

/// The projection's text scale and option columns, found by laying out, measuring and
/// shrinking until everything fits without scrolling (see [`Fit::adjust`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Fit {
    /// What was laid out: a hash of the content and the window size. Another key starts
    /// again from the first layout at full size.
    pub(super) key: u64,
    pub(super) scale: f32,
    /// Index into [`LAYOUTS`].
    pub(super) layout: usize,
}

/// The projection's layouts, tried in this order until one fits at a readable size: the
/// options in one column beside the complainant's face, in two columns, in two and then
/// three columns without the face (the name stays on the line they say), and last with
/// the line folded to one row (once the room has voted, the tags matter more), and last,
/// only once revealed, each option folded to two rows beside its tags (the room has read
/// them in full to vote). From the second on, the pitfall's explanation folds away; the
/// flag itself stays.
pub(super) const LAYOUTS: [Layout; 6] = [
    Layout::new(1, true, false, false),
    Layout::new(2, true, false, false),
    Layout::new(2, false, false, false),
    Layout::new(3, false, false, false),
    Layout::new(3, false, true, false),
    Layout::new(3, false, true, true),
];

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Layout {
    pub(super) columns: usize,
    pub(super) face: bool,
    /// The complainant's line on one row, cut off with "…".
    pub(super) fold_line: bool,
    /// Revealed options on two rows each, cut off with "…".
    pub(super) fold_revealed_options: bool,
}

impl Layout {
    const fn new(columns: usize, face: bool, fold_line: bool, fold_options: bool) -> Layout {
        Layout {
            columns,
            face,
            fold_line,
            fold_revealed_options: fold_options,
        }
    }
}

/// The smallest text scale in a window `height` points high: the options' text stays at
/// least 2.2% of the projection's height (2.5 cm on a 2 m wide 16:9 screen; the full-size
/// 27 pt is 2.5% at 1080p). Below this the next of [`LAYOUTS`] is tried instead.
pub(super) fn min_scale(height: f32) -> f32 {
    (0.022 * height / 27.0).clamp(0.5, 1.0)
}

impl Fit {
    pub(super) fn fresh(key: u64) -> Fit {
        Fit {
            key,
            scale: 1.0,
            layout: 0,
        }
    }

    pub(super) fn layout(self) -> Layout {
        LAYOUTS[self.layout.min(LAYOUTS.len() - 1)]
    }

    /// The next try after a layout `content` points high in `room` points: smaller text
    /// down to `min_scale`, then the next layout from full size. `None` when it fits or
    /// nothing smaller is left.
    pub(super) fn adjust(self, content: f32, room: f32, min_scale: f32) -> Option<Fit> {
        if content <= room + 0.5 {
            return None;
        }
        if self.scale > min_scale {
            // Height grows about with the square of the scale when text wraps.
            let shrink = (room / content).sqrt().clamp(0.8, 0.97);
            return Some(Fit {
                scale: (self.scale * shrink).max(min_scale),
                ..self
            });
        }
        (self.layout + 1 < LAYOUTS.len()).then_some(Fit {
            scale: 1.0,
            layout: self.layout + 1,
            ..self
        })
    }
}
