//! Small helpers: randomness, clocks and the time formats WeChat Pay writes.

use std::time::{SystemTime, UNIX_EPOCH};

use time::{OffsetDateTime, UtcOffset, macros::format_description};
use wxpay_payscore::ServiceTime;

/// Beijing time, in which every PayScore time is written.
const BEIJING: UtcOffset = match UtcOffset::from_hms(8, 0, 0) {
    Ok(offset) => offset,
    Err(_) => UtcOffset::UTC,
};

/// The current Unix time in seconds.
pub(crate) fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

fn beijing(unix: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(unix)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
        .to_offset(BEIJING)
}

/// `2021-06-24T16:37:26+08:00`.
pub(crate) fn rfc3339(unix: i64) -> String {
    beijing(unix)
        .format(format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second][offset_hour sign:mandatory]:[offset_minute]"
        ))
        .unwrap_or_default()
}

/// `yyyyMMddHHmmss` in Beijing time.
pub(crate) fn service_time(unix: i64) -> String {
    beijing(unix)
        .format(format_description!("[year][month][day][hour][minute][second]"))
        .unwrap_or_default()
}

/// The Unix time of a PayScore service time (written in Beijing time).
pub(crate) fn unix_of(time: &ServiceTime) -> i64 {
    time.to_date_time().assume_offset(BEIJING).unix_timestamp()
}

/// `n` random bytes from the OS RNG (all zeros in the practically impossible case it fails).
pub(crate) fn random_bytes(n: usize) -> Vec<u8> {
    let mut buf = vec![0u8; n];
    if getrandom::fill(&mut buf).is_err() {
        tracing::warn!("OS random number generator failed");
    }
    buf
}

fn random_from(alphabet: &[u8], n: usize) -> String {
    let len = alphabet.len();
    // Rejection sampling: bytes at or above the largest multiple of `len` would bias.
    let limit = 256 - 256 % len;
    let mut out = String::with_capacity(n);
    while out.len() < n {
        for b in random_bytes(n * 2) {
            if usize::from(b) < limit && out.len() < n {
                out.push(char::from(alphabet[usize::from(b) % len]));
            }
        }
    }
    out
}

/// `n` random characters from `[0-9A-Za-z]`.
pub(crate) fn random_alnum(n: usize) -> String {
    random_from(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", n)
}

/// `n` random lower-case hexadecimal digits.
pub(crate) fn random_hex(n: usize) -> String {
    random_from(b"0123456789abcdef", n)
}

/// `n` random decimal digits.
pub(crate) fn random_digits(n: usize) -> String {
    random_from(b"0123456789", n)
}

/// A `Request-ID` in the style of WeChat Pay's: upper-case hex, a dash, a numeric part.
pub(crate) fn request_id() -> String {
    format!("{}-{}", random_hex(32).to_ascii_uppercase(), random_digits(9))
}

/// A UUID-shaped notification id.
pub(crate) fn notification_id() -> String {
    let h = random_hex(32);
    format!("{}-{}-{}-{}-{}", &h[..8], &h[8..12], &h[12..16], &h[16..20], &h[20..])
}

/// Normalises a certificate serial: upper case, leading zeros removed.
pub(crate) fn normalize_serial(serial: &str) -> String {
    let upper = serial.trim().to_ascii_uppercase();
    let trimmed = upper.trim_start_matches('0');
    if trimmed.is_empty() { "0".to_owned() } else { trimmed.to_owned() }
}

/// `value` without its `null` object members, at any depth (WeChat leaves absent fields out
/// of what it sends; it never sends `null`).
pub(crate) fn without_nulls(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;

    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_nulls).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(rfc3339(0), "1970-01-01T08:00:00+08:00");
        assert_eq!(service_time(0), "19700101080000");
        assert_eq!(unix_of(&"19700101080000".parse().unwrap()), 0);
        assert_eq!(unix_of(&"19700102".parse().unwrap()), 16 * 3600);
        assert_eq!(random_alnum(32).len(), 32);
        assert_eq!(normalize_serial("00ab"), "AB");
        assert_eq!(notification_id().len(), 36);
    }

    #[test]
    fn without_nulls_drops_null_members_at_any_depth() {
        let value = serde_json::json!({"a": null, "b": {"c": null, "d": 1}, "e": [{"f": null}]});
        assert_eq!(without_nulls(value), serde_json::json!({"b": {"d": 1}, "e": [{}]}));
    }
}
