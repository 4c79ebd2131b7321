//! Deserializes the `nodes` and `endings` maps while refusing duplicate keys.
//!
//! serde's own `BTreeMap` impl keeps the last of two equal keys without a word, so a
//! copy-pasted node would silently replace its twin. This visitor errors instead; ron
//! attaches the position of the duplicate key to the error.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, Error, MapAccess, Visitor};

/// The error message starts with this so the loader can give it its own code (KW006).
pub(crate) const DUPLICATE_MARKER: &str = "duplicate id ";

/// `#[serde(deserialize_with = "...")]` for a map whose keys must be unique.
pub(crate) fn deserialize<'de, D, V>(deserializer: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    deserializer.deserialize_map(UniqueMap(PhantomData))
}

struct UniqueMap<V>(PhantomData<V>);

impl<'de, V: Deserialize<'de>> Visitor<'de> for UniqueMap<V> {
    type Value = BTreeMap<String, V>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a map of ids")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = BTreeMap::new();
        while let Some(key) = map.next_key::<String>()? {
            // Checked before the value is read, so the error points at the key; the one
            // lookup also gives the place to insert at (a large file has 100,000 keys).
            match out.entry(key) {
                Entry::Occupied(taken) => {
                    let key = taken.key();
                    return Err(A::Error::custom(format!("{DUPLICATE_MARKER}\"{key}\"")));
                }
                Entry::Vacant(place) => {
                    place.insert(map.next_value()?);
                }
            }
        }
        Ok(out)
    }
}
