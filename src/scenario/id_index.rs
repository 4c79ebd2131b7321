//! Node and ending ids to numbers, for the lookups of every target in a scenario.
//!
//! A large scenario has hundreds of thousands of targets, and a hash map of `&str` keys
//! reads three places for each: the id looked up, the table slot, and the key it holds,
//! somewhere else on the heap. An id of up to 15 bytes (nearly all) is held in its slot
//! instead, packed into one `u128`, so a lookup reads its slot and nothing more.

use rustc_hash::FxHashMap;

/// Ids up to this many bytes are held in the table itself.
const INLINE: usize = 15;

/// A map from ids to `T`.
pub(crate) struct IdIndex<'a, T> {
    short: FxHashMap<u128, T>,
    long: FxHashMap<&'a str, T>,
}

/// The id's bytes and, in the last byte, its length (so `"a"` and `"a\0"` differ).
fn packed(id: &str) -> Option<u128> {
    let bytes = id.as_bytes();
    if bytes.len() > INLINE {
        return None;
    }
    let mut word = [0u8; 16];
    word[..bytes.len()].copy_from_slice(bytes);
    word[INLINE] = bytes.len() as u8;
    Some(u128::from_le_bytes(word))
}

impl<'a, T> IdIndex<'a, T> {
    pub(crate) fn with_capacity(ids: usize) -> IdIndex<'a, T> {
        IdIndex {
            short: FxHashMap::with_capacity_and_hasher(ids, Default::default()),
            long: FxHashMap::default(),
        }
    }

    /// Maps `id` to `value`, replacing what it mapped to before.
    pub(crate) fn insert(&mut self, id: &'a str, value: T) {
        match packed(id) {
            Some(key) => self.short.insert(key, value),
            None => self.long.insert(id, value),
        };
    }

    pub(crate) fn get(&self, id: &str) -> Option<&T> {
        match packed(id) {
            Some(key) => self.short.get(&key),
            None => self.long.get(id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_ids_are_found_and_told_apart() {
        let long = "an-id-of-more-than-fifteen-bytes";
        let mut index = IdIndex::with_capacity(4);
        index.insert("a", 1);
        index.insert("a\0", 2);
        index.insert(long, 3);
        index.insert("é", 4);
        assert_eq!(index.get("a"), Some(&1));
        assert_eq!(index.get("a\0"), Some(&2));
        assert_eq!(index.get(long), Some(&3));
        assert_eq!(index.get("é"), Some(&4));
        assert_eq!(index.get("b"), None);
        assert_eq!(index.get(&long[..15]), None);
        index.insert("a", 5);
        assert_eq!(index.get("a"), Some(&5));
    }
}
