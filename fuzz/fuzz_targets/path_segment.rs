//! Path-segment encoding of `#[endpoint]` placeholders and the `OutOrderNo` rule.
//!
//! Properties: an encoded segment holds no `/`, `?`, `#`, no `%` that is not the start of a
//! `%XX` escape, only RFC 3986 unreserved characters otherwise, and decodes back to the
//! value; `OutOrderNo::new` accepts exactly `^[0-9A-Za-z_\-|*]{1,32}$` (protocol §10.1), and
//! an accepted one fills a real endpoint path as a single segment.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wxpay_core::{__private::push_segment, OutOrderNo};

fn matches_rule(s: &str) -> bool {
    (1..=32).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"_-|*".contains(&b))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut segment = String::new();
    push_segment(&mut segment, text);
    let bytes = segment.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'%' {
            assert!(
                bytes.len() > i + 2
                    && bytes[i + 1].is_ascii_hexdigit()
                    && bytes[i + 2].is_ascii_hexdigit(),
                "a bare `%` in {segment:?}"
            );
        } else {
            assert!(
                b.is_ascii_alphanumeric() || b"-._~".contains(&b),
                "{:?} survives unencoded in {segment:?}",
                char::from(b)
            );
        }
    }
    let decoded = percent_decode(bytes);
    assert_eq!(decoded, text.as_bytes(), "{segment:?} does not decode back");

    let accepted = OutOrderNo::new(text);
    assert_eq!(accepted.is_ok(), matches_rule(text), "OutOrderNo and §10.1 disagree on {text:?}");
    if let Ok(no) = accepted {
        assert_eq!(no.as_str(), text);
        let mut path = String::from("v3/payscore/serviceorder/");
        push_segment(&mut path, &no);
        path.push_str("/cancel");
        assert_eq!(path.split('/').count(), 5, "{path}");
    }
});

fn percent_decode(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("ASCII");
            out.push(u8::from_str_radix(hex, 16).expect("hex"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}
