//! The `nodes` and `endings` of a scenario: a map from id to value, sorted by id.
//!
//! A reader sees what a `BTreeMap` would give (lookups, iteration in id order), but the
//! entries sit in one sorted `Vec`: a B-tree keeps its nodes a third empty, and a
//! 100,000-node scenario paid about 10 MiB for that. Writing after loading (`insert`,
//! `remove`) shifts the entries behind the place; only code that builds a scenario
//! does that.
//!
//! Reading refuses duplicate ids: serde's own map keeps the last of two equal keys
//! without a word, so a copy-pasted node would silently replace its twin. The error is
//! raised at the second key, so ron gives its position.

use std::fmt;
use std::hash::BuildHasher;
use std::marker::PhantomData;

use rustc_hash::{FxBuildHasher, FxHashSet};
use serde::de::{Deserialize, Deserializer, Error, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

/// The error message starts with this so the loader can give it its own code (KW006).
pub(crate) const DUPLICATE_MARKER: &str = "duplicate id ";

/// A map from ids to `V`, in id order.
#[derive(Debug, Clone, PartialEq)]
pub struct IdMap<V> {
    /// Sorted by id, each id once.
    entries: Vec<(String, V)>,
}

impl<V> Default for IdMap<V> {
    fn default() -> Self {
        IdMap {
            entries: Vec::new(),
        }
    }
}

impl<V> IdMap<V> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn find(&self, id: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| k.as_str().cmp(id))
    }

    pub fn get(&self, id: &str) -> Option<&V> {
        self.find(id).ok().map(|i| &self.entries[i].1)
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut V> {
        self.find(id).ok().map(|i| &mut self.entries[i].1)
    }

    pub fn get_key_value(&self, id: &str) -> Option<(&String, &V)> {
        self.find(id).ok().map(|i| {
            let (k, v) = &self.entries[i];
            (k, v)
        })
    }

    /// The value at `index` in id order (the numbering `keys().enumerate()` gives): what
    /// a caller that numbered the ids once looks up without comparing strings.
    pub fn get_index(&self, index: usize) -> Option<&V> {
        self.entries.get(index).map(|(_, v)| v)
    }

    pub fn contains_key(&self, id: &str) -> bool {
        self.find(id).is_ok()
    }

    /// Maps `id` to `value`; returns what it mapped to before.
    pub fn insert(&mut self, id: String, value: V) -> Option<V> {
        match self.find(&id) {
            Ok(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            Err(i) => {
                self.entries.insert(i, (id, value));
                None
            }
        }
    }

    pub fn remove(&mut self, id: &str) -> Option<V> {
        self.find(id).ok().map(|i| self.entries.remove(i).1)
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }

    pub fn iter(&self) -> Iter<'_, V> {
        self.entries
            .iter()
            .map(as_pair as fn(&(String, V)) -> (&String, &V))
    }

    pub fn iter_mut(&mut self) -> impl DoubleEndedIterator<Item = (&String, &mut V)> {
        self.entries.iter_mut().map(|(k, v)| (&*k, v))
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &String> + ExactSizeIterator + Clone {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator + Clone {
        self.entries.iter().map(|(_, v)| v)
    }

    pub fn values_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut V> + ExactSizeIterator {
        self.entries.iter_mut().map(|(_, v)| v)
    }
}

/// As a `BTreeMap` indexes: panics when no entry has the id.
impl<V> std::ops::Index<&str> for IdMap<V> {
    type Output = V;

    fn index(&self, id: &str) -> &V {
        self.get(id).expect("an entry with this id")
    }
}

fn as_pair<V>(entry: &(String, V)) -> (&String, &V) {
    (&entry.0, &entry.1)
}

/// The iterator of `&IdMap`: (id, value) in id order.
pub type Iter<'a, V> =
    std::iter::Map<std::slice::Iter<'a, (String, V)>, fn(&'a (String, V)) -> (&'a String, &'a V)>;

impl<'a, V> IntoIterator for &'a IdMap<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = Iter<'a, V>;

    fn into_iter(self) -> Iter<'a, V> {
        self.iter()
    }
}

impl<V> IntoIterator for IdMap<V> {
    type Item = (String, V);
    type IntoIter = std::vec::IntoIter<(String, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

/// As a `BTreeMap` collects: of two equal ids, the last one stays.
impl<V> FromIterator<(String, V)> for IdMap<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(pairs: I) -> Self {
        let mut entries: Vec<(String, V)> = pairs.into_iter().collect();
        // Stable, so equal ids keep their order and the last of them can be kept.
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let mut kept: Vec<(String, V)> = Vec::with_capacity(entries.len());
        for entry in entries {
            match kept.last_mut() {
                Some(last) if last.0 == entry.0 => *last = entry,
                _ => kept.push(entry),
            }
        }
        IdMap { entries: kept }
    }
}

impl<V, const N: usize> From<[(String, V); N]> for IdMap<V> {
    fn from(pairs: [(String, V); N]) -> Self {
        pairs.into_iter().collect()
    }
}

impl<V: Serialize> Serialize for IdMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (k, v) in self {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for IdMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(UniqueIds(PhantomData))
    }
}

struct UniqueIds<V>(PhantomData<V>);

impl<'de, V: Deserialize<'de>> Visitor<'de> for UniqueIds<V> {
    type Value = IdMap<V>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a map of ids")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries: Vec<(String, V)> = Vec::new();
        // The hashes of the ids so far: a hash seen before is a duplicate, or (rarely)
        // two ids with one hash, which a look at the ids tells apart. Checked before the
        // value is read, so the error points at the key.
        let hasher = FxBuildHasher;
        let mut seen: FxHashSet<u64> = FxHashSet::default();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(hasher.hash_one(key.as_str())) && entries.iter().any(|(k, _)| *k == key)
            {
                return Err(A::Error::custom(format!("{DUPLICATE_MARKER}\"{key}\"")));
            }
            let value = map.next_value()?;
            entries.push((key, value));
        }
        drop(seen);
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        entries.shrink_to_fit();
        Ok(IdMap { entries })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;

    /// Ids from a small alphabet, so that repeats are common.
    fn id() -> impl Strategy<Value = String> {
        "[a-c0-2_]{0,3}"
    }

    #[derive(Debug, Clone)]
    enum Op {
        Insert(String, u8),
        Remove(String),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (id(), any::<u8>()).prop_map(|(k, v)| Op::Insert(k, v)),
            id().prop_map(Op::Remove),
        ]
    }

    proptest! {
        /// Whatever is read, collected, inserted or removed, an `IdMap` reads back as a
        /// `BTreeMap` would, writes the same RON, and refuses the first repeated id.
        #[test]
        fn behaves_as_a_btree_map(pairs in prop::collection::vec((id(), any::<u8>()), 0..12),
                                  ops in prop::collection::vec(op(), 0..12),
                                  probe in id()) {
            let text = format!(
                "{{{}}}",
                pairs.iter().map(|(k, v)| format!("{k:?}: {v}")).collect::<Vec<_>>().join(", ")
            );
            let mut seen = std::collections::BTreeSet::new();
            let repeated = pairs.iter().map(|(k, _)| k).find(|k| !seen.insert(*k));
            match (ron::from_str::<IdMap<u8>>(&text), repeated) {
                (Ok(read), None) => {
                    let tree: BTreeMap<String, u8> = ron::from_str(&text).unwrap();
                    prop_assert!(read.iter().eq(tree.iter()));
                    prop_assert_eq!(ron::to_string(&read).unwrap(), ron::to_string(&tree).unwrap());
                }
                (Err(e), Some(k)) => {
                    let named = format!("{DUPLICATE_MARKER}{k:?}");
                    prop_assert!(e.code.to_string().contains(&named), "{} for {}", e, text);
                }
                (got, repeated) => prop_assert!(false, "{:?} for {} (repeat {:?})", got.map(|_| ()), text, repeated),
            }

            let mut map: IdMap<u8> = pairs.iter().cloned().collect();
            let mut tree: BTreeMap<String, u8> = pairs.iter().cloned().collect();
            for op in ops {
                match op {
                    Op::Insert(k, v) => prop_assert_eq!(map.insert(k.clone(), v), tree.insert(k, v)),
                    Op::Remove(k) => prop_assert_eq!(map.remove(&k), tree.remove(&k)),
                }
            }
            prop_assert!(map.iter().eq(tree.iter()));
            prop_assert_eq!(map.len(), tree.len());
            prop_assert_eq!(map.get(&probe), tree.get(&probe));
            prop_assert_eq!(map.contains_key(&probe), tree.contains_key(&probe));
            let at = tree.keys().position(|k| *k == probe);
            prop_assert_eq!(at.and_then(|i| map.get_index(i)), tree.get(&probe));
        }
    }
}
