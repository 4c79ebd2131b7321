//! Record timestamps: RFC 3339 in UTC to the second (formatted by humantime), and the
//! compact form of it that file names use.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The last second humantime can write as a four-digit year (9999-12-31T23:59:59Z).
const LAST_FORMATTABLE: Duration = Duration::from_secs(253_402_300_799);

/// `2026-11-23T17:05:57Z` for a moment; a clock before 1970 or past 9999 is clamped to
/// the nearest moment RFC 3339 can write, so a wrong clock never fails a save.
pub fn rfc3339(moment: SystemTime) -> String {
    let moment = moment.clamp(UNIX_EPOCH, UNIX_EPOCH + LAST_FORMATTABLE);
    humantime::format_rfc3339_seconds(moment).to_string()
}

/// The current moment as [`rfc3339`] writes it.
pub fn now_rfc3339() -> String {
    rfc3339(SystemTime::now())
}

/// `2026-11-23T17:05:57Z` → `20261123T170557Z`: safe in file names on every platform
/// (no colons).
pub fn compact_from_rfc3339(stamp: &str) -> String {
    stamp.chars().filter(|c| *c != '-' && *c != ':').collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: u64) -> String {
        rfc3339(UNIX_EPOCH + Duration::from_secs(secs))
    }

    #[test]
    fn known_dates() {
        assert_eq!(at(0), "1970-01-01T00:00:00Z");
        assert_eq!(at(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(at(1_795_453_557), "2026-11-23T17:05:57Z");
        assert_eq!(compact_from_rfc3339(&at(1_795_453_557)), "20261123T170557Z");
    }

    #[test]
    fn a_wrong_clock_is_clamped_not_fatal() {
        assert_eq!(
            rfc3339(UNIX_EPOCH - Duration::from_secs(5)),
            "1970-01-01T00:00:00Z"
        );
        assert_eq!(at(u64::MAX / 4), "9999-12-31T23:59:59Z");
    }
}
