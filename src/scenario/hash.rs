//! How a scenario is named by its bytes: the file hash (did this file change since it was
//! read?) and the content hash (is this the same scenario?, what records and debriefs keep).

use sha2::{Digest, Sha256};

use super::model::Scenario;

/// `sha256:<hex>` of a file's bytes: tells whether a file changed since it was read. (Records
/// and debriefs name a scenario by [`content_hash`] instead, which ignores comments and
/// layout.)
pub fn file_hash(bytes: &[u8]) -> String {
    sha256(bytes)
}

/// The content hash of a scenario: `sha256:` + hex over its canonical JSON form, so
/// comments and layout do not count as a change, but every text and number does. The
/// facilitator layer and the complainant's appearance are left out: neither changes a
/// session, so adding trainer notes or dressing the complainant does not turn saved
/// records into plays of "another version".
pub fn content_hash(scenario: &Scenario) -> String {
    let canonical =
        if scenario.facilitator.is_some() || !scenario.complainant.appearance.is_default() {
            let mut playable = scenario.clone();
            playable.facilitator = None;
            // The default appearance is not serialised, so the JSON is the one before it existed.
            playable.complainant.appearance = Default::default();
            serde_json::to_vec(&playable)
        } else {
            serde_json::to_vec(scenario)
        }
        .unwrap_or_default();
    sha256(&canonical)
}

/// `sha256:` and the lowercase hex digest of `bytes`.
fn sha256(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}
