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
//! The slots are one zeroed allocation of [`SLOT_SPACE`], whose pages cost nothing until a
//! position is written there, so an empty stretch of a block costs no memory beyond its
//! page. Blocks past that space put their positions into a plain hash map.

use rustc_hash::FxHashMap;

use super::Position;
use super::mood_classes::MoodClasses;

/// A block whose positions are kept in the hash map.
const SPARSE: u32 = u32::MAX;

/// How many slots the blocks may take (8 MiB of address space; paspoort-pinnen needs a
/// quarter of it).
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
    /// The slots the blocks take so far.
    used: usize,
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
            used: 0,
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
        let (slots, used) = (&mut self.slots, &mut self.used);
        let block = *self.blocks.entry((p.node, p.flags)).or_insert_with(|| {
            let size = 2 * moods.pairs(p.node);
            if *used + size > SLOT_SPACE {
                return SPARSE;
            }
            if slots.is_empty() {
                *slots = vec![0; SLOT_SPACE];
            }
            *used += size;
            (*used - size) as u32
        });
        if let Some(recent) = self.recent.get_mut(p.node as usize) {
            *recent = Some((p.flags, block));
        }
        block
    }
}
