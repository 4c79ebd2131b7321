//! The numbers of the positions the graph has met, looked up without hashing the whole
//! position.
//!
//! A position is (node, mood, flags, flared), and its mood is one of the node's few
//! (anger class, trust class) pairs ([`MoodClasses::pairs`]). So the positions with one
//! node and one set of flags form a block of `2 * pairs` slots, indexed densely by the
//! mood's pair and the flare-up bit; only the (node, flags) key of the block is hashed,
//! and scenarios have few of those (paspoort-pinnen: 62 blocks for 114k positions). The
//! slots are a sixth the size of a hash map's entries, so the lookups of building the
//! graph, most of its time, touch far less memory.
//!
//! Blocks are laid out as they are met, up to [`SLOT_SPACE`] slots in all; past that, a
//! block's positions go into a plain hash map, so a scenario with many flag sets and
//! sparse moods costs no more than before.

use rustc_hash::FxHashMap;

use super::Position;
use super::mood_classes::MoodClasses;

/// A block whose positions are kept in the hash map.
const SPARSE: u32 = u32::MAX;

/// How many slots the blocks may take (8 MiB; paspoort-pinnen needs a quarter of it).
const SLOT_SPACE: usize = 1 << 21;

pub(super) struct PositionIndex<'m> {
    moods: &'m MoodClasses,
    /// Per (node, flags), where its block starts in `slots`, or [`SPARSE`].
    blocks: FxHashMap<(u32, u64), u32>,
    /// Per node, the flags and block of the last lookup there: most lookups hit it and
    /// hash nothing.
    recent: Vec<Option<(u64, u32)>>,
    /// Per slot, the position's number plus one, 0 where none is yet.
    slots: Vec<u32>,
    /// The positions of the sparse blocks.
    sparse: FxHashMap<Position, u32>,
}

impl<'m> PositionIndex<'m> {
    pub(super) fn new(moods: &'m MoodClasses) -> PositionIndex<'m> {
        PositionIndex {
            moods,
            blocks: FxHashMap::default(),
            recent: vec![None; moods.nodes()],
            slots: Vec::new(),
            sparse: FxHashMap::default(),
        }
    }

    /// The number of `p`, which is pushed onto `positions` if it is new there.
    pub(super) fn intern(&mut self, p: Position, positions: &mut Vec<Position>) -> u32 {
        let moods = self.moods;
        let block = match self.recent.get(p.node as usize) {
            Some(&Some((flags, block))) if flags == p.flags => block,
            _ => self.block(p),
        };
        let mut new = || {
            positions.push(p);
            (positions.len() - 1) as u32
        };
        if block == SPARSE {
            return *self.sparse.entry(p).or_insert_with(new);
        }
        let at = block as usize + 2 * moods.pair(p.node, p.mood) + usize::from(p.flared);
        let slot = &mut self.slots[at];
        if *slot == 0 {
            *slot = new() + 1;
        }
        *slot - 1
    }

    /// The block of `p`'s node and flags, laid out if it is new and there is room.
    fn block(&mut self, p: Position) -> u32 {
        let moods = self.moods;
        let slots = &mut self.slots;
        let block = *self.blocks.entry((p.node, p.flags)).or_insert_with(|| {
            let (start, size) = (slots.len(), 2 * moods.pairs(p.node));
            if start + size > SLOT_SPACE {
                return SPARSE;
            }
            slots.resize(start + size, 0);
            start as u32
        });
        if let Some(recent) = self.recent.get_mut(p.node as usize) {
            *recent = Some((p.flags, block));
        }
        block
    }
}
